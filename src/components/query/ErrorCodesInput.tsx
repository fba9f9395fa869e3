import React from 'react';
import { MultiCombobox } from '@grafana/ui';

import { ErrorCode } from '../../types';
import { COMMON_ERROR_CODES, toErrorCodes } from './errorCodes';

interface Props {
  id: string;
  value: ErrorCode[];
  onChange: (codes: ErrorCode[]) => void;
}

/** Error codes: suggestions of frequent codes, any number, or a template variable such as $code. */
export function ErrorCodesInput({ id, value, onChange }: Props) {
  return (
    <MultiCombobox<string>
      id={id}
      width="auto"
      minWidth={32}
      maxWidth={60}
      placeholder="Any code"
      options={COMMON_ERROR_CODES}
      value={value.map(String)}
      createCustomValue
      customValueDescription="Use this code"
      isClearable
      onChange={(options) => onChange(toErrorCodes(options.map((option) => option.value)))}
    />
  );
}
