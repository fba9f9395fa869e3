import React, { useEffect, useState } from 'react';
import { ComboboxOption, MultiCombobox } from '@grafana/ui';

import { ErrorCode } from '../../types';
import { COMMON_ERROR_CODES, toErrorCodes } from './errorCodes';

interface Props {
  id: string;
  value: ErrorCode[];
  onChange: (codes: ErrorCode[]) => void;
  /** Loads the rule catalogue's codes with their titles (the plugin's values/errorCodes resource). */
  catalogue?: () => Promise<Array<{ text: string; value: string }>>;
}

/** The catalogue's codes (code and title) after the frequent ones; the frequent list until it loads. */
function useCatalogueOptions(catalogue: Props['catalogue']): Array<ComboboxOption<string>> {
  const [options, setOptions] = useState(COMMON_ERROR_CODES);
  useEffect(() => {
    if (!catalogue) {
      return;
    }
    let current = true;
    catalogue().then((found) => {
      if (!current || found.length === 0) {
        return;
      }
      const common = new Set(COMMON_ERROR_CODES.map((o) => o.value));
      const rest = found
        .filter((o) => !common.has(o.value))
        .map((o) => ({ value: o.value, description: o.text.replace(/^\d+ — /, '') }));
      setOptions([...COMMON_ERROR_CODES, ...rest]);
    });
    return () => {
      current = false;
    };
  }, [catalogue]);
  return options;
}

/** Error codes: suggestions of frequent codes, any number, or a template variable such as $code. */
export function ErrorCodesInput({ id, value, onChange, catalogue }: Props) {
  const options = useCatalogueOptions(catalogue);
  return (
    <MultiCombobox<string>
      id={id}
      width="auto"
      minWidth={32}
      maxWidth={60}
      placeholder="Any code"
      options={options}
      value={value.map(String)}
      createCustomValue
      customValueDescription="Use this code"
      isClearable
      onChange={(options) => onChange(toErrorCodes(options.map((option) => option.value)))}
    />
  );
}
