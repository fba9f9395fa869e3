import React from 'react';
import { ComboboxOption, InlineField, InlineFieldRow, MultiCombobox } from '@grafana/ui';

import { PATTERN_IDS, PatternId, SignInQuery } from '../../types';
import { LABEL_WIDTH } from './layout';

const OPTIONS: Array<ComboboxOption<PatternId>> = PATTERN_IDS.map((id) => ({ label: id, value: id }));

interface Props {
  query: SignInQuery;
  onChange: (query: SignInQuery) => void;
  onRunQuery: () => void;
}

/** Which patterns a patterns query, or a time series grouped by pattern, keeps (none: all). */
export function PatternIdsField({ query, onChange, onRunQuery }: Props) {
  const id = `sigdiag-pattern-ids-${query.refId}`;
  return (
    <InlineFieldRow>
      <InlineField
        label="Pattern IDs"
        labelWidth={LABEL_WIDTH}
        tooltip="Keep only these patterns; empty keeps all"
        htmlFor={id}
      >
        <MultiCombobox<PatternId>
          id={id}
          width="auto"
          minWidth={32}
          maxWidth={80}
          placeholder="All patterns"
          options={OPTIONS}
          value={query.patternIds ?? []}
          isClearable
          onChange={(picked) => {
            const patternIds = picked.map((option) => option.value);
            onChange({ ...query, patternIds: patternIds.length ? patternIds : undefined });
            onRunQuery();
          }}
        />
      </InlineField>
    </InlineFieldRow>
  );
}
