import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { makeOptions } from '../../__fixtures__/settings';
import { AzureCredentials } from '../../types';
import { AzureCredentialsSection } from './AzureCredentialsSection';
import { Options } from './options';

function setup(options: Options) {
  const onOptionsChange = jest.fn();
  render(<AzureCredentialsSection options={options} onOptionsChange={onOptionsChange} />);
  return onOptionsChange;
}

function withCredentials(patch: Partial<AzureCredentials>, overrides: Partial<Options> = {}): Options {
  const options = makeOptions(overrides);
  const azureCredentials = { authType: 'clientsecret' as const, ...options.jsonData.azureCredentials, ...patch };
  return { ...options, jsonData: { ...options.jsonData, azureCredentials } };
}

async function pick(label: string, option: RegExp) {
  await userEvent.click(screen.getByLabelText(label));
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('AzureCredentialsSection', () => {
  it('sets jsonData.azureCredentials.authType', async () => {
    const options = makeOptions();
    const onOptionsChange = setup(options);
    await pick('Authentication', /Managed identity/);
    expect(onOptionsChange).toHaveBeenCalledWith({
      ...options,
      jsonData: { ...options.jsonData, azureCredentials: { ...options.jsonData.azureCredentials, authType: 'msi' } },
    });
  });

  it('creates the credentials of a new data source', async () => {
    const options = makeOptions({ jsonData: {} });
    const onOptionsChange = setup(options);
    await pick('Authentication', /client certificate/);
    expect(onOptionsChange).toHaveBeenCalledWith({
      ...options,
      jsonData: { azureCredentials: { authType: 'clientcertificate' } },
    });
  });

  it('sets the Azure cloud', async () => {
    const options = makeOptions();
    const onOptionsChange = setup(options);
    await pick('Azure cloud', /US Government/);
    expect(onOptionsChange).toHaveBeenCalledWith(withCredentials({ azureCloud: 'AzureUSGovernment' }));
  });

  it('sets the tenant and client IDs', () => {
    const onOptionsChange = setup(makeOptions());
    fireEvent.change(screen.getByLabelText(/Directory \(tenant\) ID/), {
      target: { value: 'contoso.onmicrosoft.com' },
    });
    expect(onOptionsChange).toHaveBeenLastCalledWith(withCredentials({ tenantId: 'contoso.onmicrosoft.com' }));
    fireEvent.change(screen.getByLabelText(/Application \(client\) ID/), { target: { value: 'abc' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith(withCredentials({ clientId: 'abc' }));
  });

  it('stores a typed client secret in secureJsonData', () => {
    const options = makeOptions();
    const onOptionsChange = setup(options);
    fireEvent.change(screen.getByLabelText(/Client secret/), { target: { value: 's3cret' } });
    expect(onOptionsChange).toHaveBeenCalledWith({ ...options, secureJsonData: { azureClientSecret: 's3cret' } });
  });

  it('resets a configured client secret', async () => {
    const options = makeOptions({ secureJsonFields: { azureClientSecret: true } });
    const onOptionsChange = setup(options);
    expect(screen.getByLabelText(/Client secret/)).toHaveValue('configured');
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onOptionsChange).toHaveBeenCalledWith({
      ...options,
      secureJsonFields: { azureClientSecret: false },
      secureJsonData: { azureClientSecret: '' },
    });
  });

  it('asks for a certificate PEM for certificate authentication and resets it', async () => {
    const options = withCredentials(
      { authType: 'clientcertificate' },
      { secureJsonFields: { azureClientCertificate: true } }
    );
    const onOptionsChange = setup(options);
    expect(screen.queryByLabelText(/Client secret/)).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onOptionsChange).toHaveBeenCalledWith({
      ...options,
      secureJsonFields: { azureClientCertificate: false },
      secureJsonData: { azureClientCertificate: '' },
    });
  });

  it('stores a pasted certificate PEM in secureJsonData', () => {
    const options = withCredentials({ authType: 'clientcertificate' });
    const onOptionsChange = setup(options);
    fireEvent.change(screen.getByLabelText(/Client certificate/), { target: { value: '-----BEGIN CERTIFICATE-----' } });
    expect(onOptionsChange).toHaveBeenCalledWith({
      ...options,
      secureJsonData: { azureClientCertificate: '-----BEGIN CERTIFICATE-----' },
    });
  });

  it('asks managed identity for neither a tenant nor a secret', () => {
    setup(withCredentials({ authType: 'msi' }));
    expect(screen.queryByLabelText(/Directory \(tenant\) ID/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Client secret/)).not.toBeInTheDocument();
    expect(screen.getByLabelText(/Application \(client\) ID/)).toBeInTheDocument();
    expect(screen.getByText(/user-assigned identity/)).toBeInTheDocument();
  });

  it('links to the README section on registering the app', () => {
    setup(makeOptions());
    expect(screen.getByRole('link', { name: /How to register the app/ })).toHaveAttribute(
      'href',
      'plugins/sigdiag-signindiagnostics-datasource#register-an-app-in-entra-id'
    );
  });
});
