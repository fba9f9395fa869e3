import { and, describeGraphQuery, explainFilterClauses, graphFilterClauses, hasTopLevelOr, quote } from './graphFilter';
import { GraphApiVersion, SignInQuery } from './types';
import shared from './__fixtures__/graph-filter-cases.json';

const query = (fields: Partial<SignInQuery>): SignInQuery => ({ refId: 'A', queryType: 'signins', ...fields });

// Most cases are in the file shared with the backend (below); these are the preview's own: Grafana fills in
// template variables before the backend sees the query.
describe('graphFilterClauses', () => {
  it.each<[Partial<SignInQuery>, string[]]>([
    [{ errorCodes: [50126, '$code'] }, ['(status/errorCode eq 50126 or status/errorCode eq $code)']],
    [{ signInEventTypes: [] }, []],
  ])('%j gives %j', (fields, expected) => {
    expect(graphFilterClauses(query(fields), 'beta')).toEqual(expected);
  });
});

describe('quote', () => {
  it.each([
    ['', "''"],
    ["O'Brien", "'O''Brien'"],
    ["''", "''''''"],
    ["a' or 1 eq 1 or 'b", "'a'' or 1 eq 1 or ''b'"],
  ])('%j gives %j, as odata.Quote', (value, expected) => {
    expect(quote(value)).toBe(expected);
  });
});

describe('hasTopLevelOr', () => {
  it.each<[string, boolean]>([
    ["a eq 'x' or b eq 'y'", true],
    ["a eq 'x' OR b eq 'y'", true],
    ["(a eq 'x' or b eq 'y')", false],
    ["a eq 'x or y'", false],
    ["a eq 'it''s or' and b eq 'c'", false],
    ["orderId eq 'x' and origin eq 'y'", false],
    ["signInEventTypes/any(t: t eq 'a' or t eq 'b')", false],
    ["a eq 'unclosed", true],
  ])('%j: %j', (filter, expected) => {
    expect(hasTopLevelOr(filter)).toBe(expected);
  });

  it('lets and() parenthesise a clause that has one, as odata.And', () => {
    expect(and(["a eq 'x' or b eq 'y'", '', "c eq 'z'"])).toBe("(a eq 'x' or b eq 'y') and c eq 'z'");
  });
});

describe('explainFilterClauses', () => {
  it('uses only the correlation ID and the request ID', () => {
    expect(
      explainFilterClauses(
        query({
          queryType: 'explain',
          user: 'alice@contoso.com',
          requestId: 'AAAAAAAA-0000-0000-0000-000000000000',
          correlationId: 'BBBBBBBB-0000-0000-0000-000000000000',
        })
      )
    ).toEqual([
      "correlationId eq 'bbbbbbbb-0000-0000-0000-000000000000'",
      "id eq 'aaaaaaaa-0000-0000-0000-000000000000'",
    ]);
  });
});

describe('describeGraphQuery', () => {
  it('describes the defaults', () => {
    expect(describeGraphQuery(query({}))).toBe(
      'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins, at most 5000 rows.'
    );
  });

  it('describes a query for every status', () => {
    expect(describeGraphQuery(query({ status: 'all', clientApp: 'POP3' }))).toBe(
      "Graph filter: createdDateTime in the time range and clientAppUsed eq 'POP3'. Then every sign-in is kept, at most 5000 rows."
    );
  });

  it('parenthesises an advanced filter with a top-level or', () => {
    expect(describeGraphQuery(query({ user: 'a*', filter: "appId eq 'x' or appId eq 'y'" }))).toBe(
      "Graph filter: createdDateTime in the time range and startswith(userPrincipalName,'a') and (appId eq 'x' or appId eq 'y'). Then the rules keep failure sign-ins, at most 5000 rows."
    );
  });

  it("describes an explain query, which looks back over Graph's retention", () => {
    expect(describeGraphQuery(query({ queryType: 'explain', requestId: 'Req-1', status: 'success' }))).toBe(
      "Graph filter: createdDateTime in the 30 days before the end of the time range and id eq 'req-1'. Then every rule that matches each sign-in is listed, with why."
    );
  });

  it('pushes event types on Graph beta only', () => {
    const types = query({ signInEventTypes: ['nonInteractiveUser'], status: 'all' });
    expect(describeGraphQuery(types, 'beta')).toBe(
      "Graph filter: createdDateTime in the time range and signInEventTypes/any(t: t eq 'nonInteractiveUser'). Then every sign-in is kept, at most 5000 rows."
    );
    expect(describeGraphQuery(types, 'v1.0')).toBe(
      'Graph filter: createdDateTime in the time range. Then every sign-in is kept, at most 5000 rows.'
    );
  });

  it('asks an explain query for its key', () => {
    expect(describeGraphQuery(query({ queryType: 'explain', user: 'alice' }))).toBe(
      'Enter the request ID or the correlation ID of a sign-in.'
    );
  });

  it('describes a variable query, which keeps every sign-in by default', () => {
    expect(describeGraphQuery(query({ queryType: 'variable', variable: 'clientApps', maxRows: 10 }))).toBe(
      'Graph filter: createdDateTime in the time range. Then every sign-in is kept, and their distinct client apps are listed.'
    );
    expect(describeGraphQuery(query({ queryType: 'variable', variable: 'causes', status: 'failure' }))).toBe(
      'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins, and their distinct causes are listed.'
    );
  });

  it.each([
    ['errorCodes', 'Lists the error codes of the rule catalogue; no sign-ins are read.'],
    ['categories', 'Lists the categories of the rule catalogue; no sign-ins are read.'],
  ] as const)('describes a %s variable, listed from the rules', (variable, expected) => {
    expect(describeGraphQuery(query({ queryType: 'variable', variable, user: 'ignored' }))).toBe(expected);
  });

  it('describes a time series, its group, top N and metric', () => {
    expect(describeGraphQuery(query({ queryType: 'timeseries', maxRows: 10 }))).toBe(
      'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins, and they are counted per interval.'
    );
    expect(
      describeGraphQuery(
        query({ queryType: 'timeseries', groupBy: 'clientApp', topN: 5, metric: 'users', status: 'all' })
      )
    ).toBe(
      'Graph filter: createdDateTime in the time range. Then every sign-in is kept, and their distinct users are counted per interval, one series per client app (the top 5, the rest summed as other).'
    );
  });

  it('describes a time series of pattern findings, which ignores the status', () => {
    expect(describeGraphQuery(query({ queryType: 'timeseries', groupBy: 'pattern', status: 'success' }))).toBe(
      'Graph filter: createdDateTime in the time range. Then the pattern findings across every sign-in (the status filter is not applied) are counted per interval, one series per pattern.'
    );
  });

  it('describes a breakdown, by error code unless told otherwise', () => {
    expect(describeGraphQuery(query({ queryType: 'breakdown' }))).toBe(
      'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins, grouped by error code (the top 10).'
    );
    expect(describeGraphQuery(query({ queryType: 'breakdown', groupBy: 'os', topN: 20, status: 'interrupted' }))).toBe(
      'Graph filter: createdDateTime in the time range. Then the rules keep interrupted sign-ins, grouped by operating system (the top 20).'
    );
  });

  it('describes a patterns query, which ignores the status', () => {
    expect(describeGraphQuery(query({ queryType: 'patterns', status: 'failure', ipAddress: '203.0.113.*' }))).toBe(
      "Graph filter: createdDateTime in the time range and startswith(ipAddress,'203.0.113.'). Then the pattern rules look for attacks and outages across every sign-in (the status filter is not applied)."
    );
  });

  it('says which winning rules are kept', () => {
    expect(describeGraphQuery(query({ ruleIds: ['unmapped'] }))).toBe(
      'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins whose winning rule is unmapped, at most 5000 rows.'
    );
    expect(describeGraphQuery(query({ queryType: 'breakdown', status: 'all', ruleIds: ['a', 'b'] }))).toBe(
      'Graph filter: createdDateTime in the time range. Then every sign-in whose winning rule is one of a, b is kept, grouped by error code (the top 10).'
    );
    expect(describeGraphQuery(query({ queryType: 'patterns', ruleIds: ['unmapped'] }))).toBe(
      'Graph filter: createdDateTime in the time range. Then the pattern rules look for attacks and outages across every sign-in whose winning rule is unmapped (the status filter is not applied).'
    );
  });
});

// The cases pkg/query runs too (TestSharedFilterCases): the editor's preview must be the filter the backend pushes.
describe('the filter cases shared with the backend', () => {
  it('has its cases', () => {
    expect(shared.cases.length).toBeGreaterThanOrEqual(20);
  });
  it.each(shared.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const apiVersion = ('apiVersion' in c ? c.apiVersion : undefined) as GraphApiVersion | undefined;
    expect(and(graphFilterClauses(query(c.query as Partial<SignInQuery>), apiVersion))).toBe(c.filter);
  });
});
