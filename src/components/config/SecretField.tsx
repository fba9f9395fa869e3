import React from 'react';
import { Field, SecretInput } from '@grafana/ui';

import { Options, SecretKey, withSecret, withSecretReset } from './options';

interface Props {
  label: string;
  description?: string;
  id: string;
  /** The secureJsonData key the input writes; secureJsonFields tells whether Grafana stores it. */
  secret: SecretKey;
  placeholder: string;
  width: number;
  required?: boolean;
  options: Options;
  onOptionsChange: (options: Options) => void;
}

/**
 * One secret of secureJsonData, typed in a SecretInput: once saved it is shown only as
 * configured, and Reset forgets it so that it can be typed again.
 */
export function SecretField({
  label,
  description,
  id,
  secret,
  placeholder,
  width,
  required,
  options,
  onOptionsChange,
}: Props) {
  return (
    <Field label={label} description={description} htmlFor={id} required={required}>
      <SecretInput
        id={id}
        width={width}
        placeholder={placeholder}
        isConfigured={Boolean(options.secureJsonFields?.[secret])}
        value={options.secureJsonData?.[secret] ?? ''}
        onChange={(e) => onOptionsChange(withSecret(options, secret, e.currentTarget.value))}
        onReset={() => onOptionsChange(withSecretReset(options, secret))}
      />
    </Field>
  );
}
