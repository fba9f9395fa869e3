import { DataSourcePlugin } from '@grafana/data';

import { ConfigEditor } from './components/ConfigEditor';
import { QueryEditor } from './components/QueryEditor';
import { DataSource } from './datasource';
import { SignInDataSourceOptions, SignInQuery, SignInSecureJsonData } from './types';

export const plugin = new DataSourcePlugin<DataSource, SignInQuery, SignInDataSourceOptions, SignInSecureJsonData>(
  DataSource
)
  .setConfigEditor(ConfigEditor)
  .setQueryEditor(QueryEditor);
