import { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend, getTemplateSrv, TemplateSrv } from '@grafana/runtime';

import { DEFAULT_QUERY, ErrorCode, SignInDataSourceOptions, SignInQuery } from './types';

// The text fields of a query that may hold template variables.
const TEXT_FIELDS = ['user', 'app', 'ipAddress', 'correlationId', 'clientApp'] as const;

export class DataSource extends DataSourceWithBackend<SignInQuery, SignInDataSourceOptions> {
  constructor(
    instanceSettings: DataSourceInstanceSettings<SignInDataSourceOptions>,
    private readonly templateSrv: TemplateSrv = getTemplateSrv()
  ) {
    super(instanceSettings);
    // Annotation queries use the query editor and the sign-ins frame (time, title, text mapped in the UI).
    this.annotations = {};
  }

  getDefaultQuery(_: CoreApp): Partial<SignInQuery> {
    return DEFAULT_QUERY;
  }

  filterQuery(query: SignInQuery): boolean {
    return !query.hide;
  }

  applyTemplateVariables(query: SignInQuery, scopedVars: ScopedVars): SignInQuery {
    const interpolated: SignInQuery = { ...query };
    for (const field of TEXT_FIELDS) {
      const value = query[field];
      if (value !== undefined) {
        interpolated[field] = this.templateSrv.replace(value, scopedVars);
      }
    }
    if (query.errorCodes) {
      interpolated.errorCodes = query.errorCodes.flatMap((code) => this.interpolateErrorCode(code, scopedVars));
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
