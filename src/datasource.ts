import { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv, TemplateSrv } from '@grafana/runtime';

import {
  DEFAULT_GRAPH_API_VERSION,
  DEFAULT_METRIC,
  DEFAULT_QUERY,
  DEFAULT_TOP_N,
  effectiveGroupBy,
  ErrorCode,
  GraphApiVersion,
  SignInDataSourceOptions,
  SignInQuery,
} from './types';
import { SignInVariableSupport } from './variables';

// The text fields of a query that may hold template variables. The backend puts each of them inside an
// escaped OData string literal, so their values are inserted as they are.
const TEXT_FIELDS = ['user', 'app', 'ipAddress', 'correlationId', 'requestId', 'clientApp'] as const;

/**
 * Formats a variable's value inside the advanced OData filter, where the user writes the quotes
 * (`userPrincipalName eq '$upn'`): each quote is doubled, as OData literals need, so a value such as
 * O'Brien cannot end the literal. The values of a multi-value variable are joined with commas.
 */
export function odataLiteralFormat(value: string | string[]): string {
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => String(v).replace(/'/g, "''")).join(',');
}

/**
 * The query as the backend should read it, with each type's defaults and only the fields its type
 * reads: fields left over from another type would narrow the search without showing in the editor
 * (an explain query sends only its keys), or be refused (groupBy pattern outside a timeseries).
 * Aggregations count every sign-in, so only a signins query sends maxRows; patterns read every
 * sign-in whatever its status. A Conditional Access status of `any` is no filter, which the backend
 * spells as no value.
 */
function toBackendQuery(query: SignInQuery): SignInQuery {
  const { refId, datasource, hide, key, queryType } = query;
  const identity = { refId, datasource, hide, key, queryType };
  switch (queryType) {
    case 'explain':
      return { ...identity, requestId: query.requestId, correlationId: query.correlationId };
    case 'rules':
    case 'annotations':
      return identity;
  }
  const { conditionalAccessStatus, groupBy, topN, metric, maxRows, status, patternIds, ...rest } = query;
  const backend: SignInQuery = { ...rest };
  if (conditionalAccessStatus !== undefined && conditionalAccessStatus !== 'any') {
    backend.conditionalAccessStatus = conditionalAccessStatus;
  }
  if (status !== undefined && queryType !== 'patterns') {
    backend.status = status;
  }
  if (queryType === 'timeseries' || queryType === 'breakdown') {
    const group = effectiveGroupBy(queryType, groupBy);
    if (group !== undefined) {
      backend.groupBy = group;
    }
    backend.topN = topN ?? DEFAULT_TOP_N;
  }
  if (queryType === 'timeseries') {
    backend.metric = metric ?? DEFAULT_METRIC;
  }
  const readsPatterns = queryType === 'patterns' || (queryType === 'timeseries' && groupBy === 'pattern');
  if (readsPatterns && patternIds?.length) {
    backend.patternIds = patternIds;
  }
  if (maxRows !== undefined && (queryType === 'signins' || queryType === undefined)) {
    backend.maxRows = maxRows;
  }
  return backend;
}

export class DataSource extends DataSourceWithBackend<SignInQuery, SignInDataSourceOptions> {
  /** The Graph API version the data source reads, for the editors' hints about beta-only fields. */
  readonly graphApiVersion: GraphApiVersion;

  constructor(
    instanceSettings: DataSourceInstanceSettings<SignInDataSourceOptions>,
    private readonly templateSrv: TemplateSrv = getTemplateSrv()
  ) {
    super(instanceSettings);
    // Annotation queries use the query editor and the sign-ins frame (time, title, text mapped in the UI).
    this.annotations = {};
    this.graphApiVersion = instanceSettings.jsonData?.graphApiVersion ?? DEFAULT_GRAPH_API_VERSION;
    // Dashboard variables use their own editor (what to list, plus the sign-in filters).
    this.variables = new SignInVariableSupport(this);
  }

  /**
   * Values of a kind (apps, users, errorCodes, ...) seen in the last day's sign-ins (or, for error
   * codes, in the rule catalogue) that contain the text, for the editors' type-ahead; none when
   * the plugin cannot answer.
   */
  suggest = async (kind: string, text: string): Promise<string[]> =>
    (await this.suggestOptions(kind, text)).map((option) => option.value);

  /** Every error code the rules know, with its title, for the error codes picker. */
  errorCodeCatalogue = (): Promise<Array<{ text: string; value: string }>> => this.suggestOptions('errorCodes', '');

  /** As suggest, with each value's label (for error codes: "50126 — title"). */
  suggestOptions = async (kind: string, text: string): Promise<Array<{ text: string; value: string }>> => {
    try {
      return await this.getResource(`values/${kind}`, { q: text });
    } catch {
      return [];
    }
  };

  getDefaultQuery(_: CoreApp): Partial<SignInQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: SignInQuery): boolean {
    return !query.hide;
  }

  applyTemplateVariables(query: SignInQuery, scopedVars: ScopedVars): SignInQuery {
    const interpolated = toBackendQuery(query);
    for (const field of TEXT_FIELDS) {
      const value = interpolated[field];
      if (value !== undefined) {
        interpolated[field] = this.templateSrv.replace(value, scopedVars);
      }
    }
    if (interpolated.filter !== undefined) {
      interpolated.filter = this.templateSrv.replace(interpolated.filter, scopedVars, odataLiteralFormat);
    }
    if (interpolated.errorCodes) {
      interpolated.errorCodes = interpolated.errorCodes.flatMap((code) => this.interpolateErrorCode(code, scopedVars));
    }
    if (interpolated.ruleIds) {
      interpolated.ruleIds = interpolated.ruleIds.flatMap((ruleId) => this.interpolateList(ruleId, scopedVars));
    }
    return interpolated;
  }

  interpolateVariablesInQueries(queries: SignInQuery[], scopedVars: ScopedVars): SignInQuery[] {
    return queries.map((query) => this.applyTemplateVariables(query, scopedVars));
  }

  // A variable may stand for several codes: its values are joined with commas (csv) and split again.
  // Text that is not a number after interpolation is passed on unchanged, so the backend rejects
  // the query with an error instead of silently dropping the filter.
  private interpolateErrorCode(code: ErrorCode, scopedVars: ScopedVars): ErrorCode[] {
    if (typeof code === 'number') {
      return [code];
    }
    return this.interpolateList(code, scopedVars).map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  }

  // One entry of a list field (error codes, ruleIds): a multi-value variable becomes several entries.
  private interpolateList(text: string, scopedVars: ScopedVars): string[] {
    return this.templateSrv
      .replace(text, scopedVars, 'csv')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '');
  }
}
