import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Box, Button, Field, Input, Stack, TextArea, useStyles2 } from '@grafana/ui';

import { ConfigSection } from './ConfigSection';
import { Options, withJsonData } from './options';
import { useRulesValidation } from './useRulesValidation';
import { ValidationResult } from './ValidationResult';

const RULES_PLACEHOLDER = `package signin.rules.custom

import data.signin.lib

findings contains {
  "ruleId": "custom-travel-policy",
  "title": "Blocked by the travel policy",
  "cause": "Sign-ins from outside the allowed countries are blocked.",
  "nextSteps": ["Ask the service desk for a travel exception."],
  "severity": "medium",
} if lib.error_code == 53003`;

interface Props {
  options: Options;
  onOptionsChange: (options: Options) => void;
}

export function RulesSection({ options, onOptionsChange }: Props) {
  const styles = useStyles2(getStyles);
  const { state, validate, clear } = useRulesValidation(options.uid);
  const rules = options.jsonData.customRules ?? '';
  const onRulesChange = (customRules: string) => {
    clear();
    onOptionsChange(withJsonData(options, { customRules }));
  };
  return (
    <ConfigSection
      title="Rules"
      description="Rego rules added to the built-in ones: each is a package under signin.rules that defines the partial set findings. A rule set that does not compile is reported by Save & test, and the built-in rules serve alone meanwhile."
    >
      <Field label="Inline rules" htmlFor="sigdiag-custom-rules">
        <TextArea
          id="sigdiag-custom-rules"
          className={styles.code}
          rows={14}
          spellCheck={false}
          placeholder={RULES_PLACEHOLDER}
          value={rules}
          onChange={(e) => onRulesChange(e.currentTarget.value)}
        />
      </Field>
      <Box marginBottom={2}>
        <Stack direction="column" gap={1}>
          <div>
            <Button
              variant="secondary"
              icon={state.status === 'validating' ? 'spinner' : 'check'}
              disabled={!rules.trim() || state.status === 'validating'}
              onClick={() => validate(rules)}
            >
              Validate
            </Button>
          </div>
          <ValidationResult state={state} />
        </Stack>
      </Box>
      <Field
        label="Rules folder"
        description="A folder of .rego files on the Grafana server, read when the data source is saved."
        htmlFor="sigdiag-rules-path"
      >
        <Input
          id="sigdiag-rules-path"
          width={60}
          placeholder="/etc/grafana/signin-rules"
          value={options.jsonData.rulesPath ?? ''}
          onChange={(e) => onOptionsChange(withJsonData(options, { rulesPath: e.currentTarget.value }))}
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
