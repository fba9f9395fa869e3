import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, RadioButtonGroup, Stack, Text } from '@grafana/ui';

import { DataSource } from '../datasource';
import { describeGraphQuery } from '../graphFilter';
import { QueryType, SignInDataSourceOptions, SignInQuery } from '../types';
import { ExplainFields } from './query/ExplainFields';
import { SignInFilters } from './query/SignInFilters';
import { LABEL_WIDTH } from './query/layout';

type PanelQueryType = Exclude<QueryType, 'variable'>;

const QUERY_TYPES: Array<SelectableValue<PanelQueryType>> = [
  { label: 'Sign-ins', value: 'signins', description: 'Sign-ins with the cause and next steps of each failure' },
  {
    label: 'Explain a sign-in',
    value: 'explain',
    description: 'Every rule that matched one sign-in, found by its request or correlation ID, and why',
  },
  { label: 'Rules', value: 'rules', description: 'The loaded rules and the error codes they explain' },
];

type Props = QueryEditorProps<DataSource, SignInQuery, SignInDataSourceOptions>;

export function QueryEditor({ datasource, query, onChange, onRunQuery }: Props) {
  // Queries saved before queryType existed, or created elsewhere, are sign-ins queries.
  const queryType = query.queryType ?? 'signins';
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={LABEL_WIDTH}>
          <RadioButtonGroup<PanelQueryType>
            aria-label="Query type"
            options={QUERY_TYPES}
            value={queryType === 'variable' ? undefined : queryType}
            onChange={(value) => {
              onChange({ ...query, queryType: value });
              onRunQuery();
            }}
          />
        </InlineField>
      </InlineFieldRow>
      {queryType === 'signins' && (
        <SignInFilters
          query={query}
          onChange={onChange}
          onRunQuery={onRunQuery}
          graphApiVersion={datasource.graphApiVersion}
        />
      )}
      {queryType === 'explain' && <ExplainFields query={query} onChange={onChange} onRunQuery={onRunQuery} />}
      {(queryType === 'signins' || queryType === 'explain') && (
        <Text color="secondary" variant="bodySmall">
          {describeGraphQuery(query, datasource.graphApiVersion)}
        </Text>
      )}
    </Stack>
  );
}
