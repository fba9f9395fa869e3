// A new host for a stored secret forgets the secret: an editor who cannot read it
// must not be able to send it to a host of their choosing by changing the host alone.
import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { makeOptions } from '../../__fixtures__/settings';
import { ClusterSection } from './ClusterSection';
import { GraphSection } from './GraphSection';
import { AzureCredentialsSection } from './AzureCredentialsSection';
import { Options, withStoredSecretsReset } from './options';

const stored = makeOptions({
  jsonData: {
    ...makeOptions().jsonData,
    authorityHost: 'https://login.example.org',
    cluster: { redisAddress: 'redis.internal:6379' },
  },
  secureJsonFields: { azureClientSecret: true, azureClientCertificate: true, redisPassword: true },
});

function lastCall(onOptionsChange: jest.Mock): Options {
  return onOptionsChange.mock.calls[onOptionsChange.mock.calls.length - 1][0];
}

describe('a changed host forgets the stored secret', () => {
  it.each([
    ['Authority host', 'https://login.attacker.example'],
    ['Graph endpoint', 'https://graph.attacker.example'],
  ])('%s: the client secret and certificate must be typed again', (label, value) => {
    const onOptionsChange = jest.fn();
    render(<GraphSection options={stored} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByLabelText(new RegExp(label)), { target: { value } });
    const next = lastCall(onOptionsChange);
    expect(next.secureJsonFields).toEqual({
      azureClientSecret: false,
      azureClientCertificate: false,
      redisPassword: true,
    });
    expect(next.secureJsonData).toEqual({ azureClientSecret: '', azureClientCertificate: '' });
  });

  it('another cloud is another authority: the secret must be typed again', async () => {
    const onOptionsChange = jest.fn();
    render(<AzureCredentialsSection options={stored} onOptionsChange={onOptionsChange} />);
    await userEvent.click(screen.getByLabelText('Azure cloud'));
    await userEvent.click(await screen.findByRole('option', { name: /US Government/ }));
    const next = lastCall(onOptionsChange);
    expect(next.jsonData.azureCredentials?.azureCloud).toBe('AzureUSGovernment');
    expect(next.secureJsonFields?.azureClientSecret).toBe(false);
  });

  it('Redis address: the password must be typed again, the Azure secret stays', () => {
    const onOptionsChange = jest.fn();
    render(<ClusterSection options={stored} onOptionsChange={onOptionsChange} />);
    fireEvent.change(screen.getByLabelText(/^Redis address/), { target: { value: 'attacker.example:6379' } });
    const next = lastCall(onOptionsChange);
    expect(next.jsonData.cluster?.redisAddress).toBe('attacker.example:6379');
    expect(next.secureJsonFields).toEqual({
      azureClientSecret: true,
      azureClientCertificate: true,
      redisPassword: false,
    });
    expect(next.secureJsonData).toEqual({ redisPassword: '' });
  });

  it('keeps a secret typed in this editor, and leaves the rest of the settings alone', () => {
    const typed = { ...stored, secureJsonFields: {}, secureJsonData: { azureClientSecret: 'typed-now' } };
    expect(withStoredSecretsReset(typed, ['azureClientSecret'])).toBe(typed);
  });

  it('changes nothing else: the API version is not a host', () => {
    const onOptionsChange = jest.fn();
    render(<GraphSection options={stored} onOptionsChange={onOptionsChange} />);
    fireEvent.click(screen.getByRole('radio', { name: 'beta' }));
    expect(lastCall(onOptionsChange).secureJsonFields).toBe(stored.secureJsonFields);
  });
});
