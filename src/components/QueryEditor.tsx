import React from 'react';
import { QueryEditorProps, SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, RadioButtonGroup, Stack, Text } from '@grafana/ui';

import { DataSource } from '../datasource';
import { describeGraphQuery } from '../graphFilter';
import { effectiveGroupBy, QueryType, SignInDataSourceOptions, SignInQuery } from '../types';
import { AggregationFields } from './query/AggregationFields';
import { PatternIdsField } from './query/PatternIdsField';
import { ExplainFields } from './query/ExplainFields';
import { SignInFilters } from './query/SignInFilters';
import { LABEL_WIDTH } from './query/layout';

type PanelQueryType = Exclude<QueryType, 'variable'>;

const QUERY_TYPES: Array<SelectableValue<PanelQueryType>> = [
  { label: 'Sign-ins', value: 'signins', description: 'Sign-ins with the cause and next steps of each failure' },
  {
    label: 'Time series',
    value: 'timeseries',
    description: 'Sign-ins or users per interval, one series per group: the shape alert rules read',
  },
  {
    label: 'Breakdown',
    value: 'breakdown',
    description: 'A table per group: failures, interrupts, successes, users, first and last seen',
  },
  {
    label: 'Patterns',
    value: 'patterns',
    description: 'Attacks and outages across sign-ins: password spray, MFA fatigue, lockout storms, ...',
  },
  {
    label: 'Explain a sign-in',
    value: 'explain',
    description: 'Every rule that matched one sign-in, found by its request or correlation ID, and why',
  },
  { label: 'Rules', value: 'rules', description: 'The loaded rules and the error codes they explain' },
  {
    label: 'Annotations',
    value: 'annotations',
    description: 'Rule set loads, reloads and refusals, to mark on graphs',
  },
];

/** The query types whose editor shows the sign-in filters. */
const FILTERED_TYPES: readonly PanelQueryType[] = ['signins', 'timeseries', 'breakdown', 'patterns'];

export const PATTERNS_RANGE_HINT =
  'Patterns read every sign-in, whatever its status. Day-long patterns (password cracking, disabled accounts) need a time range of at least 24 hours.';

type Props = QueryEditorProps<DataSource, SignInQuery, SignInDataSourceOptions>;

/**
 * The query after a switch of its type: a group by the new type does not offer is dropped (pattern
 * is for time series only), so the editor and the stored query agree.
 */
function withQueryType(query: SignInQuery, queryType: PanelQueryType): SignInQuery {
  const next = { ...query, queryType };
  if (queryType === 'breakdown' && query.groupBy === 'pattern') {
    delete next.groupBy;
  }
  return next;
}

export function QueryEditor({ datasource, query, onChange, onRunQuery }: Props) {
  // Queries saved before queryType existed, or created elsewhere, are sign-ins queries.
  const queryType = query.queryType ?? 'signins';
  const typed = { ...query, queryType };
  // Patterns, and a time series of pattern findings, read every sign-in whatever its status.
  const readsEveryStatus =
    queryType === 'patterns' ||
    (queryType === 'timeseries' && effectiveGroupBy(queryType, query.groupBy) === 'pattern');
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField label="Query type" labelWidth={LABEL_WIDTH}>
          <RadioButtonGroup<PanelQueryType>
            aria-label="Query type"
            options={QUERY_TYPES}
            value={queryType === 'variable' ? undefined : queryType}
            onChange={(value) => {
              onChange(withQueryType(query, value));
              onRunQuery();
            }}
          />
        </InlineField>
      </InlineFieldRow>
      {(queryType === 'timeseries' || queryType === 'breakdown') && (
        <AggregationFields query={query} onChange={onChange} onRunQuery={onRunQuery} />
      )}
      {(queryType === 'patterns' || (queryType === 'timeseries' && query.groupBy === 'pattern')) && (
        <PatternIdsField query={query} onChange={onChange} onRunQuery={onRunQuery} />
      )}
      {FILTERED_TYPES.includes(queryType as PanelQueryType) && (
        <SignInFilters
          query={query}
          onChange={onChange}
          onRunQuery={onRunQuery}
          graphApiVersion={datasource.graphApiVersion}
          showMaxRows={queryType === 'signins'}
          showStatus={!readsEveryStatus}
          suggest={datasource.suggest}
          catalogue={datasource.errorCodeCatalogue}
        />
      )}
      {queryType === 'patterns' && (
        <Text color="secondary" variant="bodySmall">
          {PATTERNS_RANGE_HINT}
        </Text>
      )}
      {queryType === 'explain' && <ExplainFields query={query} onChange={onChange} onRunQuery={onRunQuery} />}
      {(FILTERED_TYPES.includes(queryType as PanelQueryType) || queryType === 'explain') && (
        <Text color="secondary" variant="bodySmall">
          {describeGraphQuery(typed, datasource.graphApiVersion)}
        </Text>
      )}
    </Stack>
  );
}
