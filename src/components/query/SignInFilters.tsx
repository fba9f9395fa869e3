import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup } from '@grafana/ui';

import { DEFAULT_MAX_ROWS, DEFAULT_STATUS, MAX_ROWS_LIMIT, SignInQuery, SignInStatus } from '../../types';
import { ErrorCodesInput } from './ErrorCodesInput';
import { TextFilter } from './TextFilter';

const STATUSES: Array<SelectableValue<SignInStatus>> = [
  { label: 'Failure', value: 'failure' },
  { label: 'Interrupted', value: 'interrupted', description: 'Stopped for a user action such as MFA or consent' },
  { label: 'Success', value: 'success' },
  { label: 'All', value: 'all' },
];

type TextField = 'user' | 'app' | 'ipAddress' | 'correlationId' | 'clientApp';

interface Props {
  query: SignInQuery;
  onChange: (query: SignInQuery) => void;
  onRunQuery: () => void;
}

export function SignInFilters({ query, onChange, onRunQuery }: Props) {
  const changeAndRun = (patch: Partial<SignInQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };
  const text = (field: TextField) => ({
    value: query[field],
    onChange: (value: string) => onChange({ ...query, [field]: value }),
    onBlur: onRunQuery,
  });
  return (
    <>
      <InlineFieldRow>
        <InlineField label="Status" labelWidth={14} tooltip="Sign-ins are classified by the rules after they are read">
          <RadioButtonGroup<SignInStatus>
            aria-label="Status"
            options={STATUSES}
            value={query.status ?? DEFAULT_STATUS}
            onChange={(status) => changeAndRun({ status })}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <TextFilter
          id={`sigdiag-user-${query.refId}`}
          label="User"
          tooltip="User principal name: exact, or a prefix when it ends with *"
          placeholder="alice@contoso.com or alice*"
          {...text('user')}
        />
        <TextFilter
          id={`sigdiag-app-${query.refId}`}
          label="App"
          tooltip="Application display name (a prefix when it ends with *) or application (client) ID"
          placeholder="Microsoft Teams or a client ID"
          {...text('app')}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Error codes"
          labelWidth={14}
          tooltip="Any of these Entra error codes: pick a suggestion, or type any code or a template variable such as $code and pick it from the list"
          htmlFor={`sigdiag-error-codes-${query.refId}`}
        >
          <ErrorCodesInput
            id={`sigdiag-error-codes-${query.refId}`}
            value={query.errorCodes ?? []}
            onChange={(errorCodes) => changeAndRun({ errorCodes })}
          />
        </InlineField>
        <TextFilter
          id={`sigdiag-client-app-${query.refId}`}
          label="Client app"
          tooltip="Graph's clientAppUsed, for example Browser, Mobile Apps and Desktop clients, IMAP4 or Exchange ActiveSync"
          placeholder="Browser"
          {...text('clientApp')}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <TextFilter
          id={`sigdiag-ip-${query.refId}`}
          label="IP address"
          tooltip="Exact, or a prefix when it ends with *"
          placeholder="203.0.113.7 or 203.0.113.*"
          width={24}
          {...text('ipAddress')}
        />
        <TextFilter
          id={`sigdiag-correlation-${query.refId}`}
          label="Correlation ID"
          tooltip="The correlation ID a user reports from an error page"
          placeholder="00000000-0000-0000-0000-000000000000"
          width={40}
          {...text('correlationId')}
        />
        <InlineField
          label="Max rows"
          labelWidth={14}
          tooltip={`At most this many sign-ins are returned, newest first (1 to ${MAX_ROWS_LIMIT})`}
          htmlFor={`sigdiag-max-rows-${query.refId}`}
        >
          <Input
            id={`sigdiag-max-rows-${query.refId}`}
            type="number"
            min={1}
            max={MAX_ROWS_LIMIT}
            width={12}
            placeholder={String(DEFAULT_MAX_ROWS)}
            value={query.maxRows ?? ''}
            onChange={(e) => onChange({ ...query, maxRows: parseMaxRows(e.currentTarget.value) })}
            onBlur={onRunQuery}
          />
        </InlineField>
      </InlineFieldRow>
    </>
  );
}

function parseMaxRows(text: string): number | undefined {
  const rows = parseInt(text, 10);
  return Number.isNaN(rows) ? undefined : rows;
}
