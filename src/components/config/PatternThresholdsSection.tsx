import React, { useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Field, TextArea, useStyles2 } from '@grafana/ui';

import { PatternThresholds } from '../../types';
import { ConfigSection } from './ConfigSection';
import { Options, withJsonData } from './options';

export const THRESHOLDS_PLACEHOLDER = '{"password-spray": {"minUsers": 10, "window": "30m"}}';

interface Props {
  options: Options;
  onOptionsChange: (options: Options) => void;
}

/** The thresholds as text, or an error message: an object of patterns, each an object of keys. */
export function parseThresholds(text: string): { thresholds?: PatternThresholds; error?: string } {
  if (text.trim() === '') {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { error: `Not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObject(value)) {
    return { error: `Must be a JSON object of patterns, for example ${THRESHOLDS_PLACEHOLDER}` };
  }
  for (const [pattern, keys] of Object.entries(value)) {
    if (!isObject(keys)) {
      return { error: `"${pattern}" must be an object of thresholds, for example {"minUsers": 10}` };
    }
  }
  return { thresholds: value as PatternThresholds };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const toText = (thresholds: PatternThresholds | undefined) =>
  thresholds && Object.keys(thresholds).length > 0 ? JSON.stringify(thresholds, null, 2) : '';

/**
 * jsonData.patternThresholds, edited as JSON and stored as an object. Text that does not parse is
 * kept in the editor only: the settings keep the last valid thresholds until it is fixed.
 */
export function PatternThresholdsSection({ options, onOptionsChange }: Props) {
  const styles = useStyles2(getStyles);
  const [text, setText] = useState(() => toText(options.jsonData.patternThresholds));
  const { error } = parseThresholds(text);
  const onTextChange = (next: string) => {
    setText(next);
    const parsed = parseThresholds(next);
    if (!parsed.error) {
      onOptionsChange(withJsonData(options, { patternThresholds: parsed.thresholds }));
    }
  };
  return (
    <ConfigSection
      title="Pattern thresholds"
      description="Overrides of the pattern rules' thresholds, pattern by pattern and key by key (see the README's Patterns across sign-ins). Save & test names any pattern or key that does not exist or has the wrong type."
    >
      <Field
        label="Thresholds (JSON)"
        htmlFor="sigdiag-pattern-thresholds"
        invalid={Boolean(error)}
        error={error ? `${error}. The last valid thresholds are kept until this is fixed.` : undefined}
      >
        <TextArea
          id="sigdiag-pattern-thresholds"
          className={styles.code}
          rows={6}
          spellCheck={false}
          invalid={Boolean(error)}
          aria-invalid={Boolean(error)}
          placeholder={THRESHOLDS_PLACEHOLDER}
          value={text}
          onChange={(e) => onTextChange(e.currentTarget.value)}
        />
      </Field>
    </ConfigSection>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
