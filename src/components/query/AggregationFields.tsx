import React from 'react';
import { SelectableValue } from '@grafana/data';
import { Combobox, ComboboxOption, InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';

import {
  DEFAULT_METRIC,
  DEFAULT_TOP_N,
  effectiveGroupBy,
  GROUP_BY_TABLE,
  GroupBy,
  GroupByInfo,
  Metric,
  SignInQuery,
  TOP_N_LIMIT,
} from '../../types';
import { LABEL_WIDTH } from './layout';

const NONE = 'none';
type GroupByChoice = GroupBy | typeof NONE;

// Combobox sizes an option by whether it has a description: leave the key out when there is none.
const GROUP_BY_OPTIONS: Array<ComboboxOption<GroupBy>> = GROUP_BY_TABLE.map((g: GroupByInfo) => ({
  label: g.label,
  value: g.value as GroupBy,
  ...(g.description ? { description: g.description } : {}),
}));
const TIMESERIES_ONLY = new Set<string>(
  GROUP_BY_TABLE.filter((g: GroupByInfo) => g.timeseriesOnly).map((g) => g.value)
);

const TIMESERIES_GROUP_BYS: Array<ComboboxOption<GroupByChoice>> = [
  { label: 'None', value: NONE, description: 'One series' },
  ...GROUP_BY_OPTIONS,
];
const BREAKDOWN_GROUP_BYS = GROUP_BY_OPTIONS.filter((option) => !TIMESERIES_ONLY.has(option.value));

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
