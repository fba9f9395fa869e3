import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Divider } from '@grafana/ui';

import { DEFAULT_SOURCE, SignInDataSourceOptions, SignInSecureJsonData } from '../types';
import { AzureCredentialsSection } from './config/AzureCredentialsSection';
import { ClusterSection } from './config/ClusterSection';
import { GraphSection } from './config/GraphSection';
import { PatternThresholdsSection } from './config/PatternThresholdsSection';
import { RulesSection } from './config/RulesSection';
import { SourceSection } from './config/SourceSection';

type Props = DataSourcePluginOptionsEditorProps<SignInDataSourceOptions, SignInSecureJsonData>;

export function ConfigEditor({ options, onOptionsChange }: Props) {
  const graph = (options.jsonData.source ?? DEFAULT_SOURCE) === 'graph';
  return (
    <>
      <SourceSection options={options} onOptionsChange={onOptionsChange} />
      {graph && (
        <>
          <AzureCredentialsSection options={options} onOptionsChange={onOptionsChange} />
          <GraphSection options={options} onOptionsChange={onOptionsChange} />
          <ClusterSection options={options} onOptionsChange={onOptionsChange} />
        </>
      )}
      <Divider />
      <RulesSection options={options} onOptionsChange={onOptionsChange} />
      <PatternThresholdsSection options={options} onOptionsChange={onOptionsChange} />
    </>
  );
}
