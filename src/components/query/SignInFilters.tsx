import React from 'react';
import { SelectableValue } from '@grafana/data';
import { InlineField, InlineFieldRow, Input, RadioButtonGroup, TagsInput, Text } from '@grafana/ui';

import {
  ConditionalAccessStatus,
  DEFAULT_CA_STATUS,
  DEFAULT_MAX_ROWS,
  DEFAULT_STATUS,
  GraphApiVersion,
  MAX_ROWS_LIMIT,
  SignInQuery,
  SignInStatus,
} from '../../types';
import { ErrorCodesInput } from './ErrorCodesInput';
import { EventTypesInput, wantsBetaEventTypes } from './EventTypesInput';
import { TextFilter } from './TextFilter';
import { Suggest, useSuggestions } from './useSuggestions';
import { LABEL_WIDTH } from './layout';

const STATUSES: Array<SelectableValue<SignInStatus>> = [
  { label: 'Failure', value: 'failure' },
  { label: 'Interrupted', value: 'interrupted', description: 'Stopped for a user action such as MFA or consent' },
  { label: 'Success', value: 'success' },
  { label: 'All', value: 'all' },
];

const CA_STATUSES: Array<SelectableValue<ConditionalAccessStatus>> = [
  { label: 'Any', value: 'any' },
  { label: 'Success', value: 'success', description: 'Every applied policy was satisfied' },
  { label: 'Failure', value: 'failure', description: 'A policy blocked the sign-in or was not satisfied' },
  { label: 'Not applied', value: 'notApplied', description: 'No policy applied' },
];

export const BETA_EVENT_TYPES_NOTE =
  'Only Graph beta returns non-interactive, service principal and managed identity sign-ins; v1.0 returns interactive sign-ins only.';

type TextField = 'user' | 'app' | 'ipAddress' | 'correlationId' | 'requestId' | 'clientApp' | 'filter';

interface Props {
  query: SignInQuery;
  onChange: (query: SignInQuery) => void;
  onRunQuery: () => void;
  /** The data source's Graph API version, to warn when the picked event types need beta. */
  graphApiVersion: GraphApiVersion;
  /** The status the backend applies when the query has none. */
  defaultStatus?: SignInStatus;
  /** Max rows bounds a table; aggregating queries such as variables read every sign-in. */
  showMaxRows?: boolean;
  /** Patterns (and a time series of them) read every sign-in whatever its status. */
  showStatus?: boolean;
  /** Type-ahead for the user and app fields, from the plugin's values resource. */
  suggest?: Suggest;
  /** The rule catalogue's error codes with their titles, for the error codes picker. */
  catalogue?: () => Promise<Array<{ text: string; value: string }>>;
}

/** The sign-in filters of a signins query (and of a variable query). */
export function SignInFilters({
  query,
  onChange,
  onRunQuery,
  graphApiVersion,
  defaultStatus = DEFAULT_STATUS,
  showMaxRows = true,
  showStatus = true,
  suggest,
  catalogue,
}: Props) {
  const users = useSuggestions(suggest, 'users', query.user);
  const apps = useSuggestions(suggest, 'apps', query.app);
  const changeAndRun = (patch: Partial<SignInQuery>) => {
    onChange({ ...query, ...patch });
    onRunQuery();
  };
  const text = (field: TextField) => ({
    value: query[field],
    onChange: (value: string) => onChange({ ...query, [field]: value }),
    onBlur: onRunQuery,
  });
  const id = (name: string) => `sigdiag-${name}-${query.refId}`;
  return (
    <>
      {showStatus && (
        <InlineFieldRow>
          <InlineField
            label="Status"
            labelWidth={LABEL_WIDTH}
            tooltip="Sign-ins are classified by the rules after they are read"
          >
            <RadioButtonGroup<SignInStatus>
              aria-label="Status"
              options={STATUSES}
              value={query.status ?? defaultStatus}
              onChange={(status) => changeAndRun({ status })}
            />
          </InlineField>
        </InlineFieldRow>
      )}
      <InlineFieldRow>
        <TextFilter
          id={id('user')}
          label="User"
          tooltip="User principal name: exact, or a prefix when it ends with *"
          placeholder="alice@contoso.com or alice*"
          suggestions={suggest ? users : undefined}
          {...text('user')}
        />
        <TextFilter
          id={id('app')}
          label="App"
          tooltip="Application display name (a prefix when it ends with *) or application (client) ID"
          placeholder="Microsoft Teams or a client ID"
          suggestions={suggest ? apps : undefined}
          {...text('app')}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Error codes"
          labelWidth={LABEL_WIDTH}
          tooltip="Any of these Entra error codes: pick a suggestion, or type any code or a template variable such as $code and pick it from the list"
          htmlFor={id('error-codes')}
        >
          <ErrorCodesInput
            id={id('error-codes')}
            value={query.errorCodes ?? []}
            onChange={(errorCodes) => changeAndRun({ errorCodes })}
            catalogue={catalogue}
          />
        </InlineField>
        <TextFilter
          id={id('client-app')}
          label="Client app"
          tooltip="Graph's clientAppUsed, for example Browser, Mobile Apps and Desktop clients, IMAP4 or Exchange ActiveSync"
          placeholder="Browser"
          {...text('clientApp')}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <TextFilter
          id={id('ip')}
          label="IP address"
          tooltip="Exact, or a prefix when it ends with *"
          placeholder="203.0.113.7 or 203.0.113.*"
          width={24}
          {...text('ipAddress')}
        />
        <TextFilter
          id={id('correlation')}
          label="Correlation ID"
          tooltip="The correlation ID a user reports from an error page"
          placeholder="00000000-0000-0000-0000-000000000000"
          width={40}
          {...text('correlationId')}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <TextFilter
          id={id('request')}
          label="Request ID"
          tooltip="The sign-in's request ID, as the Entra portal and error pages show it (Graph's id)"
          placeholder="00000000-0000-0000-0000-000000000000"
          width={40}
          {...text('requestId')}
        />
        {showMaxRows && (
          <InlineField
            label="Max rows"
            labelWidth={LABEL_WIDTH}
            tooltip={`At most this many sign-ins are returned, newest first (1 to ${MAX_ROWS_LIMIT})`}
            htmlFor={id('max-rows')}
          >
            <Input
              id={id('max-rows')}
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
        )}
      </InlineFieldRow>
      <InlineFieldRow>
        <InlineField
          label="Event types"
          labelWidth={LABEL_WIDTH}
          tooltip={`Graph's signInEventTypes. ${BETA_EVENT_TYPES_NOTE}`}
          htmlFor={id('event-types')}
        >
          <EventTypesInput
            id={id('event-types')}
            value={query.signInEventTypes ?? []}
            onChange={(types) => changeAndRun({ signInEventTypes: types.length ? types : undefined })}
          />
        </InlineField>
        <InlineField label="Conditional Access" labelWidth={20} tooltip="Graph's conditionalAccessStatus">
          <RadioButtonGroup<ConditionalAccessStatus>
            aria-label="Conditional Access"
            options={CA_STATUSES}
            value={query.conditionalAccessStatus ?? DEFAULT_CA_STATUS}
            onChange={(status) => changeAndRun({ conditionalAccessStatus: status === 'any' ? undefined : status })}
          />
        </InlineField>
      </InlineFieldRow>
      {graphApiVersion !== 'beta' && wantsBetaEventTypes(query.signInEventTypes) && (
        <Text color="warning" variant="bodySmall">
          {`${BETA_EVENT_TYPES_NOTE} This data source uses ${graphApiVersion}: set its Graph API version to beta.`}
        </Text>
      )}
      <InlineFieldRow>
        <InlineField
          label="Rule IDs"
          labelWidth={LABEL_WIDTH}
          tooltip="Keep the sign-ins whose winning rule is one of these, for example unmapped (sign-ins no rule explains). Press Enter after each; template variables such as $rule work."
          htmlFor={id('rule-ids')}
        >
          <TagsInput
            id={id('rule-ids')}
            width={40}
            placeholder="Any rule, or e.g. unmapped"
            tags={query.ruleIds ?? []}
            addOnBlur
            autoColors={false}
            onChange={(ruleIds) => changeAndRun({ ruleIds: ruleIds.length ? ruleIds : undefined })}
          />
        </InlineField>
      </InlineFieldRow>
      <InlineFieldRow>
        <TextFilter
          id={id('filter')}
          label="OData filter"
          tooltip="Advanced: an OData $filter on Graph's signIn properties, ANDed with the fields above and checked by the backend. Inside it, template variables have their quotes doubled."
          placeholder="location/countryOrRegion eq 'US' and deviceDetail/operatingSystem eq 'Windows 10'"
          width={94}
          monospace
          {...text('filter')}
        />
      </InlineFieldRow>
    </>
  );
}

function parseMaxRows(text: string): number | undefined {
  const rows = parseInt(text, 10);
  return Number.isNaN(rows) ? undefined : rows;
}
