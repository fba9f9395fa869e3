import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import { SignInDataSourceOptions, SignInQuery, SignInSecureJsonData } from './types';

// The variable editor is not set here: setVariableQueryEditor is deprecated in @grafana/data 12, and
// the data source declares it through `variables` (CustomVariableSupport, src/variables.ts).
export const plugin = new DataSourcePlugin<DataSource, SignInQuery, SignInDataSourceOptions, SignInSecureJsonData>(
  DataSource
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
