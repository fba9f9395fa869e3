import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Box, Button, Field, Input, Stack, TextArea, useStyles2 } from '@grafana/ui';

import { ConfigSection } from './ConfigSection';
import { RulesBundleSettings } from '../../types';
import { NumberField } from './NumberField';
import { Options, withJsonData, withStoredSecretsReset } from './options';
import { SecretField } from './SecretField';
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
  const bundle = options.jsonData.rulesBundle ?? {};
  const setBundle = (patch: Partial<RulesBundleSettings>) =>
    onOptionsChange(withJsonData(options, { rulesBundle: { ...bundle, ...patch } }));
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
      <Field
        label="Rules bundle URL"
        description="An OPA bundle (opa build) served over HTTP(S), polled like the folder, so that every Grafana instance takes the same rules. The Grafana server administrator must allow the host (allowed_hosts). Changing it clears the stored token."
        htmlFor="sigdiag-bundle-url"
      >
        <Input
          id="sigdiag-bundle-url"
          width={60}
          placeholder="https://bundles.example.com/signin/bundle.tar.gz"
          value={bundle.url ?? ''}
          onChange={(e) =>
            // The token goes to the new server only if typed again.
            onOptionsChange(
              withStoredSecretsReset(
                withJsonData(options, { rulesBundle: { ...bundle, url: e.currentTarget.value } }),
                ['rulesBundleToken']
              )
            )
          }
        />
      </Field>
      {bundle.url && (
        <>
          <Field
            label="Bundle public key"
            description="Optional: a PEM public key. With it, only bundles signed with the matching private key (opa build --signing-key) are taken."
            htmlFor="sigdiag-bundle-key"
          >
            <TextArea
              id="sigdiag-bundle-key"
              className={styles.code}
              rows={4}
              spellCheck={false}
              placeholder="-----BEGIN PUBLIC KEY-----"
              value={bundle.publicKey ?? ''}
              onChange={(e) => setBundle({ publicKey: e.currentTarget.value })}
            />
          </Field>
          <Stack direction="row" gap={2} wrap="wrap">
            <Field label="Key ID" description="The signature's key ID." htmlFor="sigdiag-bundle-key-id">
              <Input
                id="sigdiag-bundle-key-id"
                width={20}
                placeholder="default"
                value={bundle.keyId ?? ''}
                onChange={(e) => setBundle({ keyId: e.currentTarget.value })}
              />
            </Field>
            <Field label="Algorithm" description="RS256, ES256, PS256, ..." htmlFor="sigdiag-bundle-algorithm">
              <Input
                id="sigdiag-bundle-algorithm"
                width={20}
                placeholder="RS256"
                value={bundle.algorithm ?? ''}
                onChange={(e) => setBundle({ algorithm: e.currentTarget.value })}
              />
            </Field>
            <NumberField
              label="Poll every (seconds)"
              description="10 or more."
              id="sigdiag-bundle-poll"
              min={10}
              width={20}
              placeholder="60"
              value={bundle.pollSeconds}
              onChange={(pollSeconds) => setBundle({ pollSeconds })}
            />
          </Stack>
          <SecretField
            label="Bundle token"
            description="Optional: the bearer token the bundle server asks for (https only)."
            id="sigdiag-bundle-token"
            secret="rulesBundleToken"
            placeholder="Bearer token"
            width={60}
            options={options}
            onOptionsChange={onOptionsChange}
          />
        </>
      )}
    </ConfigSection>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
