import React from 'react';
import { QueryEditorProps } from '@grafana/data';
import { Combobox, ComboboxOption, InlineField, InlineFieldRow, Stack, Text } from '@grafana/ui';

import type { DataSource } from '../datasource';
import { describeGraphQuery } from '../graphFilter';
import {
  CATALOGUE_VARIABLE_KINDS,
  DEFAULT_VARIABLE_STATUS,
  SignInDataSourceOptions,
  SignInQuery,
  SignInVariableQuery,
  VariableKind,
} from '../types';
import { toVariableQuery } from '../variableQuery';
import { SignInFilters } from './query/SignInFilters';
import { LABEL_WIDTH } from './query/layout';

export const VARIABLE_KIND_OPTIONS: Array<ComboboxOption<VariableKind>> = [
  { label: 'Apps', value: 'apps', description: 'Application display names' },
  { label: 'Users', value: 'users', description: 'User principal names' },
  { label: 'Error codes', value: 'errorCodes', description: 'Every error code the rules know' },
  { label: 'Causes', value: 'causes', description: 'The causes the rules give' },
  { label: 'Categories', value: 'categories', description: 'Every rule category, such as credentials or mfa' },
  { label: 'Countries', value: 'countries', description: 'Two-letter country or region codes' },
  { label: 'Client apps', value: 'clientApps', description: "Graph's clientAppUsed, such as Browser or IMAP4" },
];

type Props = QueryEditorProps<DataSource, SignInQuery, SignInDataSourceOptions, SignInVariableQuery>;

/**
 * A query variable: what to list. Apps, users, causes, countries and client apps come from the
 * sign-ins the filters keep in the dashboard's time range; error codes and categories from the rules.
 */
export function VariableQueryEditor({ datasource, query: stored, onChange, onRunQuery }: Props) {
  const query = toVariableQuery(stored);
  const change = (next: SignInQuery) => onChange(toVariableQuery(next));
  return (
    <Stack direction="column" gap={0}>
      <InlineFieldRow>
        <InlineField
          label="List"
          labelWidth={LABEL_WIDTH}
          tooltip="Error codes and categories come from the rule catalogue; the other values from the sign-ins the filters keep in the dashboard's time range"
          htmlFor="sigdiag-variable-kind"
        >
          <Combobox<VariableKind>
            id="sigdiag-variable-kind"
            width={32}
            options={VARIABLE_KIND_OPTIONS}
            value={query.variable}
            onChange={(option) => {
              change({ ...query, variable: option.value });
              onRunQuery();
            }}
          />
        </InlineField>
      </InlineFieldRow>
      {!CATALOGUE_VARIABLE_KINDS.includes(query.variable) && (
        <SignInFilters
          query={query}
          onChange={change}
          onRunQuery={onRunQuery}
          graphApiVersion={datasource.graphApiVersion}
          defaultStatus={DEFAULT_VARIABLE_STATUS}
          showMaxRows={false}
        />
      )}
      <Text color="secondary" variant="bodySmall">
        {describeGraphQuery(query, datasource.graphApiVersion)}
      </Text>
    </Stack>
  );
}
