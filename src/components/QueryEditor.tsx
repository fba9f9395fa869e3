import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, RadioButtonGroup, Stack, Text } from '@grafana/ui';

import { DataSource } from '../datasource';
import { describeGraphQuery } from '../graphFilter';
import { QueryType, SignInDataSourceOptions, SignInQuery } from '../types';
import { SignInFilters } from './query/SignInFilters';

const QUERY_TYPES: Array<SelectableValue<QueryType>> = [
  { label: 'Sign-ins', value: 'signins', description: 'Sign-ins with the cause and next steps of each failure' },
  { label: 'Rules', value: 'rules', description: 'The loaded rules and the error codes they explain' },
];

type Props = QueryEditorProps<DataSource, SignInQuery, SignInDataSourceOptions>;

export function QueryEditor({ query, onChange, onRunQuery }: Props) {
  // Queries saved before queryType existed, or created elsewhere, are sign-ins queries.
  const queryType = query.queryType ?? 'signins';
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={14}>
          <RadioButtonGroup<QueryType>
            aria-label="Query type"
            options={QUERY_TYPES}
            value={queryType}
            onChange={(value) => {
              onChange({ ...query, queryType: value });
              onRunQuery();
            }}
          />
        </InlineField>
      </InlineFieldRow>
      {queryType === 'signins' && (
        <>
          <SignInFilters query={query} onChange={onChange} onRunQuery={onRunQuery} />
          <Text color="secondary" variant="bodySmall">
            {describeGraphQuery(query)}
          </Text>
        </>
      )}
    </Stack>
  );
}
