import React from 'react';
import { InlineFieldRow } from '@grafana/ui';

import { SignInQuery } from '../../types';
import { TextFilter } from './TextFilter';

interface Props {
  query: SignInQuery;
  onChange: (query: SignInQuery) => void;
  onRunQuery: () => void;
}

/** The keys of an explain query: the sign-in's request ID or correlation ID (or both). */
export function ExplainFields({ query, onChange, onRunQuery }: Props) {
  const text = (field: 'requestId' | 'correlationId') => ({
    value: query[field],
    onChange: (value: string) => onChange({ ...query, [field]: value }),
    onBlur: onRunQuery,
  });
  return (
    <InlineFieldRow>
      <TextFilter
        id={`sigdiag-explain-request-${query.refId}`}
        label="Request ID"
        tooltip="The sign-in's request ID, as the Entra portal and the error page show it"
        placeholder="00000000-0000-0000-0000-000000000000"
        width={40}
        {...text('requestId')}
      />
      <TextFilter
        id={`sigdiag-explain-correlation-${query.refId}`}
        label="Correlation ID"
        tooltip="The correlation ID a user reports from an error page; every sign-in of that flow is explained"
        placeholder="00000000-0000-0000-0000-000000000000"
        width={40}
        {...text('correlationId')}
      />
    </InlineFieldRow>
  );
}
