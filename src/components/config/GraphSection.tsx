import React from 'react';
import { SelectableValue } from '@grafana/data';
import { Field, Input, RadioButtonGroup } from '@grafana/ui';

import {
  AzureCloud,
  DEFAULT_AZURE_CLOUD,
  DEFAULT_GRAPH_API_VERSION,
  GraphApiVersion,
  SignInDataSourceOptions,
} from '../../types';
import { ConfigSection } from './ConfigSection';
import { AZURE_SECRETS, credentialsOf, Options, withJsonData, withStoredSecretsReset } from './options';

const API_VERSIONS: Array<SelectableValue<GraphApiVersion>> = [
  { label: 'v1.0', value: 'v1.0' },
  {
    label: 'beta',
    value: 'beta',
    description:
      'Needed for non-interactive, service principal and managed identity sign-ins; may change without notice',
  },
];

interface Props {
  options: Options;
  onOptionsChange: (options: Options) => void;
}

// The cloud defaults of pkg/settings/azure.go, shown as placeholders of the overrides.
const CLOUD_ENDPOINTS: Record<Exclude<AzureCloud, 'AzureCustomizedCloud'>, { authority: string; graph: string }> = {
  AzureCloud: { authority: 'https://login.microsoftonline.com', graph: 'https://graph.microsoft.com' },
  AzureUSGovernment: { authority: 'https://login.microsoftonline.us', graph: 'https://graph.microsoft.us' },
  AzureChinaCloud: { authority: 'https://login.chinacloudapi.cn', graph: 'https://microsoftgraph.chinacloudapi.cn' },
};

// Said under both endpoints: the server's allow-list decides, and a change forgets the secret.
const ONLY_ALLOWED =
  " Hosts other than Microsoft's need the Grafana server administrator's allowed_hosts. Changing it clears the stored secret: type it again.";

export function GraphSection({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  // A new host for the credentials forgets the stored ones: they must be typed again.
  const setEndpoint = (patch: Pick<SignInDataSourceOptions, 'authorityHost' | 'graphEndpoint'>) =>
    onOptionsChange(withStoredSecretsReset(withJsonData(options, patch), AZURE_SECRETS));
  const cloud = credentialsOf(options).azureCloud ?? DEFAULT_AZURE_CLOUD;
  const customized = cloud === 'AzureCustomizedCloud';
  const defaults = customized ? undefined : CLOUD_ENDPOINTS[cloud];
  // Required for a customized cloud; otherwise an optional override of the cloud's default.
  const description = (what: string, fallback?: string) =>
    fallback
      ? `Optional: overrides the cloud's ${what}, ${fallback}. An https URL with no path.`
      : `The ${what} of the cloud, an https URL with no path.`;
  return (
    <ConfigSection title="Microsoft Graph">
      <Field
        label="Authority host"
        description={description('Entra ID sign-in endpoint', defaults?.authority) + ONLY_ALLOWED}
        htmlFor="sigdiag-authority-host"
        required={customized}
      >
        <Input
          id="sigdiag-authority-host"
          width={60}
          placeholder={defaults?.authority ?? 'https://login.microsoftonline.com'}
          value={jsonData.authorityHost ?? ''}
          onChange={(e) => setEndpoint({ authorityHost: e.currentTarget.value })}
        />
      </Field>
      <Field
        label="Graph endpoint"
        description={description('Microsoft Graph root', defaults?.graph) + ONLY_ALLOWED}
        htmlFor="sigdiag-graph-endpoint"
        required={customized}
      >
        <Input
          id="sigdiag-graph-endpoint"
          width={60}
          placeholder={defaults?.graph ?? 'https://graph.microsoft.com'}
          value={jsonData.graphEndpoint ?? ''}
          onChange={(e) => setEndpoint({ graphEndpoint: e.currentTarget.value })}
        />
      </Field>
      <Field label="Graph API version">
        <RadioButtonGroup<GraphApiVersion>
          aria-label="Graph API version"
          options={API_VERSIONS}
          value={jsonData.graphApiVersion ?? DEFAULT_GRAPH_API_VERSION}
          onChange={(graphApiVersion) => onOptionsChange(withJsonData(options, { graphApiVersion }))}
        />
      </Field>
    </ConfigSection>
  );
}
