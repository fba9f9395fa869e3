// Settings objects for tests, shaped as Grafana passes them to the editors and the data source.
import { DataSourceInstanceSettings, PluginMeta, PluginType } from '@grafana/data';

import { Options } from '../components/config/options';
import { PLUGIN_ID } from '../constants';
import { SignInDataSourceOptions } from '../types';

export function makeOptions(overrides: Partial<Options> = {}): Options {
  return {
    id: 1,
    uid: 'ds-uid',
    orgId: 1,
    name: 'Sign-in Diagnostics',
    type: PLUGIN_ID,
    typeName: 'Sign-in Diagnostics',
    typeLogoUrl: '',
    access: 'proxy',
    url: '',
    user: '',
    // Deprecated but still a required field of DataSourceSettings.
    // eslint-disable-next-line @typescript-eslint/no-deprecated
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    readOnly: false,
    withCredentials: false,
    jsonData: {
      source: 'graph',
      azureCredentials: {
        authType: 'clientsecret',
        azureCloud: 'AzureCloud',
        tenantId: '11111111-1111-1111-1111-111111111111',
        clientId: '22222222-2222-2222-2222-222222222222',
      },
    },
    secureJsonFields: {},
    secureJsonData: {},
    ...overrides,
  };
}

const meta: PluginMeta = {
  id: PLUGIN_ID,
  name: 'Sign-in Diagnostics',
  type: PluginType.datasource,
  module: 'public/plugins/sigdiag-signindiagnostics-datasource/module.js',
  baseUrl: 'public/plugins/sigdiag-signindiagnostics-datasource',
  info: {
    author: { name: 'test' },
    description: '',
    links: [],
    logos: { small: '', large: '' },
    screenshots: [],
    updated: '',
    version: '',
  },
};

export function makeInstanceSettings(): DataSourceInstanceSettings<SignInDataSourceOptions> {
  return {
    uid: 'ds-uid',
    type: PLUGIN_ID,
    name: 'Sign-in Diagnostics',
    access: 'proxy',
    readOnly: false,
    meta,
    jsonData: { source: 'demo' },
  };
}
