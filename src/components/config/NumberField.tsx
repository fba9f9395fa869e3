import React from 'react';
import { Field, Input } from '@grafana/ui';

/** The integer typed, or undefined for an empty field (or anything that does not start with one). */
export function parseOptionalInt(text: string): number | undefined {
  const n = parseInt(text, 10);
  return Number.isNaN(n) ? undefined : n;
}

interface Props {
  label: string;
  description: string;
  id: string;
  value: number | undefined;
  /** Called with the integer typed, or undefined once the field is emptied. */
  onChange: (value: number | undefined) => void;
  min: number;
  width: number;
  placeholder: string;
}

/** An optional whole number setting: empty leaves it unset, so the server's default applies. */
export function NumberField({ label, description, id, value, onChange, min, width, placeholder }: Props) {
  return (
    <Field label={label} description={description} htmlFor={id}>
      <Input
        id={id}
        type="number"
        min={min}
        width={width}
        placeholder={placeholder}
        value={value ?? ''}
        onChange={(e) => onChange(parseOptionalInt(e.currentTarget.value))}
      />
    </Field>
  );
}
