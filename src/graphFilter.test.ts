import { and, describeGraphQuery, explainFilterClauses, graphFilterClauses, hasTopLevelOr, quote } from './graphFilter';
import { SignInQuery } from './types';

const query = (fields: Partial<SignInQuery>): SignInQuery => ({ refId: 'A', queryType: 'signins', ...fields });

describe('graphFilterClauses', () => {
  it.each<[Partial<SignInQuery>, string[]]>([
    [{}, []],
    [{ user: ' Alice@Contoso.com ' }, ["userPrincipalName eq 'alice@contoso.com'"]],
    [{ user: 'alice*' }, ["startswith(userPrincipalName,'alice')"]],
    [{ user: '*' }, ["userPrincipalName eq '*'"]],
    [{ app: "O'Brien's app" }, ["appDisplayName eq 'O''Brien''s app'"]],
    [{ app: 'Teams*' }, ["startswith(appDisplayName,'Teams')"]],
    [{ app: '1FEC8E78-BCE4-4AAF-AB1B-5451CC387264' }, ["appId eq '1fec8e78-bce4-4aaf-ab1b-5451cc387264'"]],
    [{ errorCodes: [50126] }, ['status/errorCode eq 50126']],
    [{ errorCodes: [50126, '$code'] }, ['(status/errorCode eq 50126 or status/errorCode eq $code)']],
    [{ ipAddress: '203.0.113.*' }, ["startswith(ipAddress,'203.0.113.')"]],
    [
      { correlationId: 'ABCDEF00-0000-0000-0000-000000000000' },
      ["correlationId eq 'abcdef00-0000-0000-0000-000000000000'"],
    ],
    [{ clientApp: 'IMAP4' }, ["clientAppUsed eq 'IMAP4'"]],
    [{ clientApp: "O'Reilly*" }, ["clientAppUsed eq 'O''Reilly*'"]],
    [{ requestId: ' 6B1F0000-AAAA-BBBB-CCCC-1234567890AB ' }, ["id eq '6b1f0000-aaaa-bbbb-cccc-1234567890ab'"]],
    // Event types are pushed on Graph beta only (see below).
    [{ signInEventTypes: ['servicePrincipal'] }, []],
    [{ conditionalAccessStatus: 'notApplied' }, ["conditionalAccessStatus eq 'notApplied'"]],
    [{ conditionalAccessStatus: 'any' }, []],
    [{ filter: "  location/countryOrRegion eq 'US' " }, ["location/countryOrRegion eq 'US'"]],
    [{ filter: '   ' }, []],
    [
      // The order of Model.GraphFilter in pkg/query/query.go.
      {
        filter: "userDisplayName eq 'x'",
        conditionalAccessStatus: 'failure',
        signInEventTypes: ['nonInteractiveUser'],
        requestId: '00000000-0000-0000-0000-000000000001',
        clientApp: 'Browser',
        correlationId: '00000000-0000-0000-0000-000000000002',
        ipAddress: '198.51.100.1',
        errorCodes: [53003],
        app: 'Teams',
        user: 'bob@contoso.com',
      },
      [
        "userPrincipalName eq 'bob@contoso.com'",
        "appDisplayName eq 'Teams'",
        'status/errorCode eq 53003',
        "ipAddress eq '198.51.100.1'",
        "correlationId eq '00000000-0000-0000-0000-000000000002'",
        "clientAppUsed eq 'Browser'",
        "id eq '00000000-0000-0000-0000-000000000001'",
        "conditionalAccessStatus eq 'failure'",
        "userDisplayName eq 'x'",
      ],
    ],
  ])('%j gives %j', (fields, expected) => {
    expect(graphFilterClauses(query(fields))).toEqual(expected);
  });
});

describe('graphFilterClauses on Graph beta', () => {
  it.each<[Partial<SignInQuery>, string[]]>([
    [{ signInEventTypes: ['servicePrincipal'] }, ["signInEventTypes/any(t: t eq 'servicePrincipal')"]],
    [
      { signInEventTypes: ['interactiveUser', 'nonInteractiveUser'] },
      ["signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')"],
    ],
    [{ signInEventTypes: [] }, []],
    [
      // Model.GraphFilterFor: after every other clause, the advanced filter included.
      { signInEventTypes: ['managedIdentity'], filter: "appId eq 'a' or appId eq 'b'", user: 'u' },
      ["userPrincipalName eq 'u'", "appId eq 'a' or appId eq 'b'", "signInEventTypes/any(t: t eq 'managedIdentity')"],
    ],
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
