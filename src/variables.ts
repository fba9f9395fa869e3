// Dashboard variables: Grafana 12's CustomVariableSupport (setVariableQueryEditor is deprecated in
// @grafana/data 12), so the variable editor stores a typed query and runs it through the same
// /api/ds/query path, template interpolation included, as panel queries.
import { CustomVariableSupport, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { Observable } from 'rxjs';

import { VariableQueryEditor } from './components/VariableQueryEditor';
import type { DataSource } from './datasource';
import { DEFAULT_VARIABLE_KIND, SignInDataSourceOptions, SignInQuery, SignInVariableQuery } from './types';
import { toVariableQuery } from './variableQuery';

export class SignInVariableSupport extends CustomVariableSupport<
  DataSource,
  SignInVariableQuery,
  SignInQuery,
  SignInDataSourceOptions
> {
  editor = VariableQueryEditor;

  constructor(private readonly datasource: DataSource) {
    super();
  }

  getDefaultQuery(): Partial<SignInQuery> {
    return { queryType: 'variable', variable: DEFAULT_VARIABLE_KIND };
  }

  /** The backend answers with one frame of `text` and `value` fields (pkg/plugin/query_variable.go). */
  query(request: DataQueryRequest<SignInVariableQuery>): Observable<DataQueryResponse> {
    const targets = request.targets.map((target) => toVariableQuery(target, target.refId));
    return this.datasource.query({ ...request, targets });
  }
}
