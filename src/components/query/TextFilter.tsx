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
  onChange: (value: string) => void;
  onBlur: () => void;
}

/** A free-text filter: updates the query on every key, runs it when the field loses focus. */
export function TextFilter({ id, label, tooltip, placeholder, value, width = 32, monospace, onChange, onBlur }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip} htmlFor={id}>
      <Input
        id={id}
        width={width}
        className={monospace ? styles.code : undefined}
        placeholder={placeholder}
        value={value ?? ''}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onBlur}
      />
    </InlineField>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({
    input: { fontFamily: theme.typography.fontFamilyMonospace },
  }),
});
