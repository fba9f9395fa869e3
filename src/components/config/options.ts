// Pure updates of the data source settings, so every section changes exactly one thing.
import { DataSourceSettings } from '@grafana/data';

import { AzureCredentials, DEFAULT_AUTH_TYPE, SignInDataSourceOptions, SignInSecureJsonData } from '../../types';

export type Options = DataSourceSettings<SignInDataSourceOptions, SignInSecureJsonData>;
export type SecretKey = keyof SignInSecureJsonData;

export function withJsonData(options: Options, patch: Partial<SignInDataSourceOptions>): Options {
  return { ...options, jsonData: { ...options.jsonData, ...patch } };
}

export function credentialsOf(options: Options): AzureCredentials {
  return options.jsonData.azureCredentials ?? { authType: DEFAULT_AUTH_TYPE };
}

export function withCredentials(options: Options, patch: Partial<AzureCredentials>): Options {
  return withJsonData(options, { azureCredentials: { ...credentialsOf(options), ...patch } });
}

export function withSecret(options: Options, key: SecretKey, value: string): Options {
  return { ...options, secureJsonData: { ...options.secureJsonData, [key]: value } };
}

/** The stored secrets that go to the Entra authority host (and whose tokens go to Graph). */
export const AZURE_SECRETS: SecretKey[] = ['azureClientSecret', 'azureClientCertificate'];

/**
 * Forgets the stored secrets among keys (those Grafana has saved; a value typed in this editor
 * stays). Used when the host they go to changes: the secret must be typed again, so that an
 * editor who cannot read a secret cannot send it to a host of their choosing, and the empty
 * field shows that the new host will receive it.
 */
export function withStoredSecretsReset(options: Options, keys: SecretKey[]): Options {
  return keys.reduce((o, key) => (o.secureJsonFields?.[key] ? withSecretReset(o, key) : o), options);
}

/** Forgets a stored secret: Grafana deletes it on save, and the field becomes editable again. */
export function withSecretReset(options: Options, key: SecretKey): Options {
  return {
    ...options,
    secureJsonFields: { ...options.secureJsonFields, [key]: false },
    secureJsonData: { ...options.secureJsonData, [key]: '' },
  };
}
