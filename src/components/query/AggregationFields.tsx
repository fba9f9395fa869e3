import React from 'react';
import { SelectableValue } from '@grafana/data';
import { Combobox, ComboboxOption, InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';

import {
  DEFAULT_METRIC,
  DEFAULT_TOP_N,
  effectiveGroupBy,
  GroupBy,
  Metric,
  SignInQuery,
  TOP_N_LIMIT,
} from '../../types';
import { LABEL_WIDTH } from './layout';

const NONE = 'none';
type GroupByChoice = GroupBy | typeof NONE;

const GROUP_BY_OPTIONS: Array<ComboboxOption<GroupBy>> = [
  { label: 'Cause', value: 'cause', description: "The winning rule's cause" },
  { label: 'Error code', value: 'errorCode' },
  { label: 'Category', value: 'category' },
  { label: 'Severity', value: 'severity' },
  { label: 'Status', value: 'status', description: 'Failure, interrupted or success' },
  { label: 'App', value: 'app' },
  { label: 'User', value: 'user' },
  { label: 'Country', value: 'country' },
  { label: 'Client app', value: 'clientApp' },
  { label: 'Rule', value: 'rule', description: "The winning rule's ID" },
  { label: 'Operating system', value: 'os' },
  {
    label: 'Pattern',
    value: 'pattern',
    description: 'Pattern findings per interval, for alert rules; the status filter is not applied',
  },
];

const TIMESERIES_GROUP_BYS: Array<ComboboxOption<GroupByChoice>> = [
  { label: 'None', value: NONE, description: 'One series' },
  ...GROUP_BY_OPTIONS,
];
const BREAKDOWN_GROUP_BYS = GROUP_BY_OPTIONS.filter((option) => option.value !== 'pattern');

const METRICS: Array<SelectableValue<Metric>> = [
  { label: 'Sign-ins', value: 'signins' },
  { label: 'Users', value: 'users', description: 'Distinct users' },
];

interface Props {
  query: SignInQuery;
  onChange: (query: SignInQuery) => void;
  onRunQuery: () => void;
}

/** Group by, top N and (for a time series) the metric of a timeseries or breakdown query. */
export function AggregationFields({ query, onChange, onRunQuery }: Props) {
  const timeseries = query.queryType === 'timeseries';
  const groupBy = effectiveGroupBy(query.queryType, query.groupBy);
  const id = (name: string) => `sigdiag-${name}-${query.refId}`;
  const changeAndRun = (patch: Partial<SignInQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };
  return (
    <InlineFieldRow>
      <InlineField
        label="Group by"
        labelWidth={LABEL_WIDTH}
        tooltip={timeseries ? 'One series per value' : 'One row per value'}
        htmlFor={id('group-by')}
      >
        <Combobox<GroupByChoice>
          // Remounted with each type: its options differ, and Combobox keeps the text of the last pick.
          key={query.queryType}
          id={id('group-by')}
          width={26}
          options={timeseries ? TIMESERIES_GROUP_BYS : BREAKDOWN_GROUP_BYS}
          value={groupBy ?? NONE}
          onChange={(option) => changeAndRun({ groupBy: option.value === NONE ? undefined : option.value })}
        />
      </InlineField>
      {groupBy !== 'pattern' && (
        <InlineField
          label="Top"
          labelWidth={8}
          tooltip={
            timeseries
              ? `The groups with the most sign-ins; the rest are summed as "other" (1 to ${TOP_N_LIMIT})`
              : `The groups with the most sign-ins (1 to ${TOP_N_LIMIT})`
          }
          htmlFor={id('top-n')}
        >
          <Input
            id={id('top-n')}
            type="number"
            min={1}
            max={TOP_N_LIMIT}
            width={10}
            placeholder={String(DEFAULT_TOP_N)}
            value={query.topN ?? ''}
            onChange={(e) => onChange({ ...query, topN: parseCount(e.currentTarget.value) })}
            onBlur={onRunQuery}
          />
        </InlineField>
      )}
      {timeseries && groupBy !== 'pattern' && (
        <InlineField label="Count" labelWidth={8} tooltip="Sign-ins, or distinct users, per interval">
          <RadioButtonGroup<Metric>
            aria-label="Count"
            options={METRICS}
            value={query.metric ?? DEFAULT_METRIC}
            onChange={(metric) => changeAndRun({ metric })}
          />
        </InlineField>
      )}
    </InlineFieldRow>
  );
}

/** A positive whole number typed into a number field; anything else clears the field to its default. */
export function parseCount(text: string): number | undefined {
  const count = parseInt(text, 10);
  return Number.isNaN(count) ? undefined : count;
}
