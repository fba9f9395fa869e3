import React from 'react';
import { SelectableValue } from '@grafana/data';
import { Field, Input, RadioButtonGroup } from '@grafana/ui';

import { DEFAULT_GRAPH_API_VERSION, GraphApiVersion } from '../../types';
import { ConfigSection } from './ConfigSection';
import { credentialsOf, Options, withJsonData } from './options';

const API_VERSIONS: Array<SelectableValue<GraphApiVersion>> = [
  { label: 'v1.0', value: 'v1.0' },
  { label: 'beta', value: 'beta', description: 'Adds fields such as sign-in event types; may change without notice' },
];

interface Props {
  options: Options;
  onOptionsChange: (options: Options) => void;
}

export function GraphSection({ options, onOptionsChange }: Props) {
  const { jsonData } = options;
  const customized = credentialsOf(options).azureCloud === 'AzureCustomizedCloud';
  return (
    <ConfigSection title="Microsoft Graph">
      {customized && (
        <>
          <Field
            label="Authority host"
            description="The Entra ID sign-in endpoint of the cloud, an https URL with no path."
            htmlFor="sigdiag-authority-host"
            required
          >
            <Input
              id="sigdiag-authority-host"
              width={60}
              placeholder="https://login.microsoftonline.com"
              value={jsonData.authorityHost ?? ''}
              onChange={(e) => onOptionsChange(withJsonData(options, { authorityHost: e.currentTarget.value }))}
            />
          </Field>
          <Field
            label="Graph endpoint"
            description="The Microsoft Graph root of the cloud, an https URL with no path."
            htmlFor="sigdiag-graph-endpoint"
            required
          >
            <Input
              id="sigdiag-graph-endpoint"
              width={60}
              placeholder="https://graph.microsoft.com"
              value={jsonData.graphEndpoint ?? ''}
              onChange={(e) => onOptionsChange(withJsonData(options, { graphEndpoint: e.currentTarget.value }))}
            />
          </Field>
        </>
      )}
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
