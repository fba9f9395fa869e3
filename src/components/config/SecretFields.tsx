import React from 'react';
import { Field, SecretTextArea } from '@grafana/ui';

import { AzureAuthType } from '../../types';
import { Options, withSecret, withSecretReset } from './options';
import { SecretField } from './SecretField';

interface Props {
  authType: AzureAuthType;
  options: Options;
  onOptionsChange: (options: Options) => void;
  width: number;
}

/** The secret the chosen authentication needs, stored in secureJsonData and never shown again. */
export function SecretFields({ authType, options, onOptionsChange, width }: Props) {
  const { secureJsonFields, secureJsonData } = options;
  if (authType === 'clientsecret') {
    return (
      <SecretField
        label="Client secret"
        id="sigdiag-client-secret"
        secret="azureClientSecret"
        placeholder="Client secret value"
        width={width}
        required
        options={options}
        onOptionsChange={onOptionsChange}
      />
    );
  }
  if (authType === 'clientcertificate') {
    return (
      <Field
        label="Client certificate"
        description="PEM holding the certificate and its unencrypted private key."
        htmlFor="sigdiag-client-certificate"
        required
      >
        <SecretTextArea
          id="sigdiag-client-certificate"
          cols={width}
          rows={6}
          placeholder={'-----BEGIN CERTIFICATE-----\n...\n-----BEGIN PRIVATE KEY-----\n...'}
          isConfigured={Boolean(secureJsonFields?.azureClientCertificate)}
          value={secureJsonData?.azureClientCertificate ?? ''}
          onChange={(e) => onOptionsChange(withSecret(options, 'azureClientCertificate', e.currentTarget.value))}
          onReset={() => onOptionsChange(withSecretReset(options, 'azureClientCertificate'))}
        />
      </Field>
    );
  }
  return null;
}
