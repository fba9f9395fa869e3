import React from 'react';
import { ComboboxOption, MultiCombobox } from '@grafana/ui';

import { SIGNIN_EVENT_TYPES, SignInEventType } from '../../types';

export const EVENT_TYPE_OPTIONS: Array<ComboboxOption<SignInEventType>> = [
  { label: 'Interactive user', value: 'interactiveUser', description: 'A person entered credentials' },
  {
    label: 'Non-interactive user',
    value: 'nonInteractiveUser',
    description: 'A client signed in for a user, for example with a refresh token',
  },
  { label: 'Service principal', value: 'servicePrincipal', description: 'An app signed in as itself' },
  { label: 'Managed identity', value: 'managedIdentity', description: 'An Azure managed identity' },
];

interface Props {
  id: string;
  value: SignInEventType[];
  onChange: (types: SignInEventType[]) => void;
}

/** Graph's signInEventTypes; the picked types are kept in their canonical order. */
export function EventTypesInput({ id, value, onChange }: Props) {
  return (
    <MultiCombobox<SignInEventType>
      id={id}
      width="auto"
      minWidth={32}
      maxWidth={60}
      placeholder="Interactive only"
      options={EVENT_TYPE_OPTIONS}
      value={value}
      isClearable
      onChange={(options) => {
        const picked = options.map((option) => option.value);
        onChange(SIGNIN_EVENT_TYPES.filter((type) => picked.includes(type)));
      }}
    />
  );
}

/** Whether any picked type is one that only Graph beta returns. */
export function wantsBetaEventTypes(types: SignInEventType[] | undefined): boolean {
  return Boolean(types?.some((type) => type !== 'interactiveUser'));
}
