import React from 'react';
import { Combobox, ComboboxOption, Field, Input, Stack, Text, TextLink } from '@grafana/ui';

import { MS_REGISTER_APP_URL, PLUGIN_ID, README_REGISTER_APP_ANCHOR } from '../../constants';
import { AzureAuthType, AzureCloud, DEFAULT_AZURE_CLOUD } from '../../types';
import { ConfigSection } from './ConfigSection';
import { AZURE_SECRETS, credentialsOf, Options, withCredentials, withStoredSecretsReset } from './options';
import { SecretFields } from './SecretFields';

const AUTH_TYPES: Array<ComboboxOption<AzureAuthType>> = [
  { label: 'App registration (client secret)', value: 'clientsecret' },
  { label: 'App registration (client certificate)', value: 'clientcertificate' },
  {
    label: 'Managed identity',
    value: 'msi',
    description:
      "The Azure identity of Grafana's server; needs managed_identity_enabled in grafana.ini's [azure] section",
  },
  {
    label: 'Workload identity',
    value: 'workloadidentity',
    description:
      "Kubernetes workload identity federation; needs workload_identity_enabled in grafana.ini's [azure] section",
  },
];

const CLOUDS: Array<ComboboxOption<AzureCloud>> = [
  { label: 'Azure', value: 'AzureCloud' },
  { label: 'Azure US Government', value: 'AzureUSGovernment' },
  { label: 'Azure China (21Vianet)', value: 'AzureChinaCloud' },
  {
    label: 'Customized cloud',
    value: 'AzureCustomizedCloud',
    description: "Set the authority host and Graph endpoint; grafana.ini's allowed_hosts must list them",
  },
];

const WIDTH = 60;

interface Props {
  options: Options;
  onOptionsChange: (options: Options) => void;
}

export function AzureCredentialsSection({ options, onOptionsChange }: Props) {
  const credentials = credentialsOf(options);
  const { authType } = credentials;
  const clientIdOptional = authType === 'msi' || authType === 'workloadidentity';
  return (
    <ConfigSection title="Azure credentials" description={<RegisterAppHelp />}>
      <Field label="Authentication" htmlFor="sigdiag-auth-type">
        <Combobox<AzureAuthType>
          id="sigdiag-auth-type"
          width={WIDTH}
          options={AUTH_TYPES}
          value={authType}
          onChange={(option) => onOptionsChange(withCredentials(options, { authType: option.value }))}
        />
      </Field>
      <Field label="Azure cloud" htmlFor="sigdiag-azure-cloud">
        <Combobox<AzureCloud>
          id="sigdiag-azure-cloud"
          width={WIDTH}
          options={CLOUDS}
          value={credentials.azureCloud ?? DEFAULT_AZURE_CLOUD}
          onChange={(option) =>
            // Another cloud is another authority host: the stored secret must be typed again.
            onOptionsChange(
              withStoredSecretsReset(withCredentials(options, { azureCloud: option.value }), AZURE_SECRETS)
            )
          }
        />
      </Field>
      {authType !== 'msi' && (
        <Field
          label="Directory (tenant) ID"
          description="From the app registration's Overview page."
          htmlFor="sigdiag-tenant-id"
          required
        >
          <Input
            id="sigdiag-tenant-id"
            width={WIDTH}
            placeholder="00000000-0000-0000-0000-000000000000"
            value={credentials.tenantId ?? ''}
            onChange={(e) => onOptionsChange(withCredentials(options, { tenantId: e.currentTarget.value }))}
          />
        </Field>
      )}
      <Field
        label="Application (client) ID"
        description={clientIdOptional ? 'Optional: the client ID of a user-assigned identity.' : undefined}
        htmlFor="sigdiag-client-id"
        required={!clientIdOptional}
      >
        <Input
          id="sigdiag-client-id"
          width={WIDTH}
          placeholder="00000000-0000-0000-0000-000000000000"
          value={credentials.clientId ?? ''}
          onChange={(e) => onOptionsChange(withCredentials(options, { clientId: e.currentTarget.value }))}
        />
      </Field>
      <SecretFields authType={authType} options={options} onOptionsChange={onOptionsChange} width={WIDTH} />
    </ConfigSection>
  );
}

function RegisterAppHelp() {
  return (
    <Stack direction="column" gap={0.5}>
      <Text color="secondary" element="p">
        The identity needs the Microsoft Graph application permissions AuditLog.Read.All and Directory.Read.All, with
        admin consent; sign-in logs also need a Microsoft Entra ID P1 or P2 licence in the tenant.
      </Text>
      <Stack direction="row" gap={2}>
        <TextLink href={`plugins/${PLUGIN_ID}#${README_REGISTER_APP_ANCHOR}`} external>
          How to register the app (README)
        </TextLink>
        <TextLink href={MS_REGISTER_APP_URL} external>
          Register an application (Microsoft Learn)
        </TextLink>
      </Stack>
    </Stack>
  );
}
