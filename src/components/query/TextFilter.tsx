import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { InlineField, Input, useStyles2 } from '@grafana/ui';
import { LABEL_WIDTH } from './layout';

interface Props {
  id: string;
  label: string;
  tooltip: string;
  placeholder: string;
  value?: string;
  width?: number;
  /** For code such as an OData filter. */
  monospace?: boolean;
  /** Values the browser offers as the user types (an HTML datalist); typing anything else still works. */
  suggestions?: string[];
  onChange: (value: string) => void;
  onBlur: () => void;
}

/** A free-text filter: updates the query on every key, runs it when the field loses focus. */
export function TextFilter({
  id,
  label,
  tooltip,
  placeholder,
  value,
  width = 32,
  monospace,
  suggestions,
  onChange,
  onBlur,
}: Props) {
  const styles = useStyles2(getStyles);
  const listId = suggestions ? `${id}-suggestions` : undefined;
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip} htmlFor={id}>
      <Input
        id={id}
        list={listId}
        autoComplete="off"
        width={width}
        className={monospace ? styles.code : undefined}
        placeholder={placeholder}
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onBlur}
        suffix={
          listId && (
            <datalist id={listId} data-testid={listId}>
              {suggestions?.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )
        }
      />
    </InlineField>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({
    input: { fontFamily: theme.typography.fontFamilyMonospace },
  }),
});
