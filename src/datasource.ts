import { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv, TemplateSrv } from '@grafana/runtime';

import {
  DEFAULT_GRAPH_API_VERSION,
  DEFAULT_QUERY,
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
 * The query as the backend should read it: an explain query sends only its keys (fields left from
 * a sign-ins query would narrow the search without showing in its editor), and a Conditional
 * Access status of `any` is no filter, which the backend spells as no value.
 */
function toBackendQuery(query: SignInQuery): SignInQuery {
  if (query.queryType === 'explain') {
    const { refId, datasource, hide, key, queryType, requestId, correlationId } = query;
    return { refId, datasource, hide, key, queryType, requestId, correlationId };
  }
  const { conditionalAccessStatus, ...rest } = query;
  return conditionalAccessStatus === 'any' || conditionalAccessStatus === undefined
    ? rest
    : { ...rest, conditionalAccessStatus };
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
    return this.templateSrv
      .replace(code, scopedVars, 'csv')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  }
}
