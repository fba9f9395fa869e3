import { CoreApp, ScopedVars, TimeRange, TypedVariableModel } from '@grafana/data';
import { TemplateSrv } from '@grafana/runtime';

import { makeInstanceSettings } from './__fixtures__/settings';
import { DataSource, odataLiteralFormat } from './datasource';
import { SignInQuery } from './types';

type Format = string | Function | undefined;

// Replaces $name and ${name} from scoped variables first, then dashboard variables; a multi-value
// variable is joined with commas for the csv format and written as {a,b} otherwise, like Grafana.
class FakeTemplateSrv implements TemplateSrv {
  readonly formats: Format[] = [];

  constructor(private readonly variables: Record<string, string | string[]>) {}

  getVariables(): TypedVariableModel[] {
    return [];
  }

  containsTemplate(target?: string): boolean {
    return Boolean(target?.includes('$'));
  }

  updateTimeRange(_: TimeRange): void {}

  replace(target?: string, scopedVars?: ScopedVars, format?: Format): string {
    this.formats.push(format);
    return (target ?? '').replace(/\$\{(\w+)\}|\$(\w+)/g, (match, braced?: string, bare?: string) => {
      const name = braced ?? bare ?? '';
      const value = scopedVars?.[name]?.value ?? this.variables[name];
      if (value === undefined) {
        return match;
      }
      if (typeof format === 'function') {
        return format(value);
      }
      if (Array.isArray(value)) {
        return format === 'csv' ? value.join(',') : `{${value.join(',')}}`;
      }
      return String(value);
    });
  }
}

function setup(variables: Record<string, string | string[]> = {}) {
  const templateSrv = new FakeTemplateSrv(variables);
  return { ds: new DataSource(makeInstanceSettings(), templateSrv), templateSrv };
}

const base: SignInQuery = { refId: 'A', queryType: 'signins', status: 'failure' };

describe('DataSource', () => {
  it('defaults to failed sign-ins', () => {
    expect(setup().ds.getDefaultQuery(CoreApp.PanelEditor)).toEqual({ queryType: 'signins', status: 'failure' });
  });

  it('runs only queries that are not hidden', () => {
    const { ds } = setup();
    expect(ds.filterQuery(base)).toBe(true);
    expect(ds.filterQuery({ ...base, hide: false })).toBe(true);
    expect(ds.filterQuery({ ...base, hide: true })).toBe(false);
  });

  it('interpolates every text field', () => {
    const { ds } = setup({
      upn: 'alice@contoso.com',
      app: 'Teams',
      ip: '203.0.113.7',
      cid: 'c-1',
      rid: 'r-1',
      client: 'IMAP4',
      country: 'US',
    });
    const query: SignInQuery = {
      ...base,
      user: '$upn',
      app: '${app}*',
      ipAddress: '$ip',
      correlationId: '$cid',
      requestId: '$rid',
      clientApp: '$client',
      filter: "location/countryOrRegion eq '$country'",
      signInEventTypes: ['servicePrincipal'],
      conditionalAccessStatus: 'failure',
      maxRows: 10,
    };
    expect(ds.applyTemplateVariables(query, {})).toEqual({
      ...base,
      user: 'alice@contoso.com',
      app: 'Teams*',
      ipAddress: '203.0.113.7',
      correlationId: 'c-1',
      requestId: 'r-1',
      clientApp: 'IMAP4',
      filter: "location/countryOrRegion eq 'US'",
      signInEventTypes: ['servicePrincipal'],
      conditionalAccessStatus: 'failure',
      maxRows: 10,
    });
  });

  it('doubles the quotes of variables inside the advanced filter, and only there', () => {
    const { ds } = setup({ name: "O'Brien", names: ["O'Brien", 'Smith'] });
    const query: SignInQuery = {
      ...base,
      app: '$name',
      filter: "userDisplayName eq '$name' or userDisplayName eq '${names}'",
    };
    expect(ds.applyTemplateVariables(query, {})).toEqual({
      ...base,
      app: "O'Brien",
      filter: "userDisplayName eq 'O''Brien' or userDisplayName eq 'O''Brien,Smith'",
    });
  });

  it('interpolates the keys of an explain query', () => {
    const { ds } = setup({ rid: '6b1f0000-aaaa-bbbb-cccc-1234567890ab' });
    const query: SignInQuery = { refId: 'A', queryType: 'explain', requestId: '$rid' };
    expect(ds.applyTemplateVariables(query, {})).toEqual({
      ...query,
      requestId: '6b1f0000-aaaa-bbbb-cccc-1234567890ab',
    });
  });

  it('offers a custom variable editor', () => {
    const { ds } = setup();
    expect(ds.variables?.getType()).toBe('custom');
    expect(ds.variables?.getDefaultQuery?.()).toEqual({ queryType: 'variable', variable: 'apps' });
  });

  it('knows the Graph API version of its settings, v1.0 by default', () => {
    expect(setup().ds.graphApiVersion).toBe('v1.0');
    const settings = makeInstanceSettings();
    const beta = new DataSource(
      { ...settings, jsonData: { ...settings.jsonData, graphApiVersion: 'beta' } },
      new FakeTemplateSrv({})
    );
    expect(beta.graphApiVersion).toBe('beta');
  });

  it('prefers scoped variables, such as a repeated panel', () => {
    const { ds } = setup({ upn: 'alice@contoso.com' });
    const scopedVars: ScopedVars = { upn: { text: 'bob', value: 'bob@contoso.com' } };
    expect(ds.applyTemplateVariables({ ...base, user: '$upn' }, scopedVars)).toEqual({
      ...base,
      user: 'bob@contoso.com',
    });
  });

  it('leaves absent fields absent', () => {
    expect(setup().ds.applyTemplateVariables(base, {})).toEqual(base);
  });

  it('turns error codes given as variables into numbers', () => {
    const { ds, templateSrv } = setup({ code: '50126', codes: ['50074', '50076'], empty: '' });
    const query: SignInQuery = { ...base, errorCodes: [53003, '$code', '$codes', '$empty', '${code}'] };
    expect(ds.applyTemplateVariables(query, {}).errorCodes).toEqual([53003, 50126, 50074, 50076, 50126]);
    expect(templateSrv.formats.every((format) => format === 'csv')).toBe(true);
  });

  it('passes on error codes that do not resolve to numbers, for the backend to reject', () => {
    const { ds } = setup({ bad: 'abc' });
    const query: SignInQuery = { ...base, errorCodes: ['$bad', '$unknown'] };
    expect(ds.applyTemplateVariables(query, {}).errorCodes).toEqual(['abc', '$unknown']);
  });

  it('interpolates queries opened in Explore', () => {
    const { ds } = setup({ upn: 'alice@contoso.com' });
    expect(ds.interpolateVariablesInQueries([{ ...base, user: '$upn' }], {})).toEqual([
      { ...base, user: 'alice@contoso.com' },
    ]);
  });
});

describe('DataSource query types', () => {
  const filters = { user: 'alice@contoso.com', errorCodes: [50126], ruleIds: ['unmapped'] };

  it('turns rule IDs given as variables into one rule ID per value', () => {
    const { ds, templateSrv } = setup({ rule: 'unmapped', rules: ['bad-password', 'mfa-denied'], empty: '' });
    const query: SignInQuery = { ...base, ruleIds: ['ca-block', '$rule', '${rules}', '$empty'] };
    expect(ds.applyTemplateVariables(query, {})).toEqual({
      ...base,
      ruleIds: ['ca-block', 'unmapped', 'bad-password', 'mfa-denied'],
    });
    expect(templateSrv.formats.every((format) => format === 'csv')).toBe(true);
  });

  it('sends a time series with its defaults and without max rows', () => {
    const query: SignInQuery = { ...base, ...filters, queryType: 'timeseries', maxRows: 10 };
    expect(setup().ds.applyTemplateVariables(query, {})).toEqual({
      ...base,
      ...filters,
      queryType: 'timeseries',
      topN: 10,
      metric: 'signins',
    });
  });

  it('sends what a time series picked', () => {
    const query: SignInQuery = { ...base, queryType: 'timeseries', groupBy: 'pattern', topN: 3, metric: 'users' };
    expect(setup().ds.applyTemplateVariables(query, {})).toEqual(query);
  });

  it('sends a breakdown grouped by error code by default, never by pattern, without metric or max rows', () => {
    const { ds } = setup();
    const query: SignInQuery = { ...base, ...filters, queryType: 'breakdown', metric: 'users', maxRows: 10 };
    expect(ds.applyTemplateVariables(query, {})).toEqual({
      ...base,
      ...filters,
      queryType: 'breakdown',
      groupBy: 'errorCode',
      topN: 10,
    });
    expect(ds.applyTemplateVariables({ ...base, queryType: 'breakdown', groupBy: 'pattern' }, {})).toEqual({
      ...base,
      queryType: 'breakdown',
      groupBy: 'errorCode',
      topN: 10,
    });
    expect(ds.applyTemplateVariables({ ...base, queryType: 'breakdown', groupBy: 'os', topN: 4 }, {})).toEqual({
      ...base,
      queryType: 'breakdown',
      groupBy: 'os',
      topN: 4,
    });
  });

  it('sends a patterns query without status, max rows or aggregation fields', () => {
    const query: SignInQuery = {
      ...base,
      ...filters,
      queryType: 'patterns',
      groupBy: 'pattern',
      topN: 3,
      metric: 'users',
      maxRows: 10,
    };
    const { status, ...withoutStatus } = base;
    expect(status).toBe('failure');
    expect(setup().ds.applyTemplateVariables(query, {})).toEqual({
      ...withoutStatus,
      ...filters,
      queryType: 'patterns',
    });
  });

  it('drops the aggregation fields a sign-ins query was left with', () => {
    const query: SignInQuery = { ...base, ...filters, groupBy: 'pattern', topN: 3, metric: 'users', maxRows: 10 };
    expect(setup().ds.applyTemplateVariables(query, {})).toEqual({ ...base, ...filters, maxRows: 10 });
  });

  it.each(['rules', 'annotations'] as const)('sends a %s query without any filter', (queryType) => {
    const query: SignInQuery = { ...base, ...filters, queryType, groupBy: 'app', maxRows: 10 };
    expect(setup().ds.applyTemplateVariables(query, {})).toEqual({ refId: 'A', queryType });
  });
});

describe('odataLiteralFormat', () => {
  it.each<[string | string[], string]>([
    ['plain', 'plain'],
    ["it's", "it''s"],
    [["a'b", 'c'], "a''b,c"],
    [[], ''],
  ])('%j gives %j', (value, expected) => {
    expect(odataLiteralFormat(value)).toBe(expected);
  });
});

describe('patternIds', () => {
  it('sends the picked patterns for a patterns query and drops them elsewhere', () => {
    const { ds } = setup();
    const patterns = ds.applyTemplateVariables(
      { refId: 'A', queryType: 'patterns', patternIds: ['password-spray'] },
      {}
    );
    expect(patterns.patternIds).toEqual(['password-spray']);
    const signins = ds.applyTemplateVariables({ refId: 'A', queryType: 'signins', patternIds: ['password-spray'] }, {});
    expect(signins.patternIds).toBeUndefined();
  });
});
