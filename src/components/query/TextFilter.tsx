import React from 'react';
import { InlineField, Input } from '@grafana/ui';

interface Props {
  id: string;
  label: string;
  tooltip: string;
  placeholder: string;
  value?: string;
  width?: number;
  onChange: (value: string) => void;
  onBlur: () => void;
}

/** A free-text filter: updates the query on every key, runs it when the field loses focus. */
export function TextFilter({ id, label, tooltip, placeholder, value, width = 32, onChange, onBlur }: Props) {
  return (
    <InlineField label={label} labelWidth={14} tooltip={tooltip} htmlFor={id}>
      <Input
        id={id}
        width={width}
        placeholder={placeholder}
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onBlur}
      />
    </InlineField>
  );
}
