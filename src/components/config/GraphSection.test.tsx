import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { makeOptions } from '../../__fixtures__/settings';
import { GraphSection } from './GraphSection';
import { Options } from './options';

function setup(options: Options) {
  const onOptionsChange = jest.fn();
  render(<GraphSection options={options} onOptionsChange={onOptionsChange} />);
  return onOptionsChange;
}

const customizedCloud = makeOptions({
  jsonData: { source: 'graph', azureCredentials: { authType: 'clientsecret', azureCloud: 'AzureCustomizedCloud' } },
});

describe('GraphSection', () => {
  it('offers the endpoints of a known cloud as optional overrides, with its defaults', () => {
    const options = makeOptions({
      jsonData: { source: 'graph', azureCredentials: { authType: 'clientsecret', azureCloud: 'AzureUSGovernment' } },
    });
    const onOptionsChange = setup(options);
    const authority = screen.getByLabelText(/Authority host/);
    expect(authority).not.toBeRequired();
    expect(authority).toHaveAttribute('placeholder', 'https://login.microsoftonline.us');
    expect(
      screen.getByText(/Optional: overrides the cloud's Microsoft Graph root, https:\/\/graph.microsoft.us/)
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/Graph endpoint/), { target: { value: 'https://dod-graph.microsoft.us' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, graphEndpoint: 'https://dod-graph.microsoft.us' },
    });
  });

  it('uses the public cloud defaults when no cloud is set', () => {
    setup(makeOptions({ jsonData: {} }));
    expect(screen.getByLabelText(/Graph endpoint/)).toHaveAttribute('placeholder', 'https://graph.microsoft.com');
  });

  it('asks a customized cloud for its authority host and Graph endpoint', () => {
    const onOptionsChange = setup(customizedCloud);
    expect(
      screen.getByText(
        /^The Entra ID sign-in endpoint of the cloud, an https URL with no path\. Hosts other than Microsoft's/
      )
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/Authority host/), { target: { value: 'https://login.example' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...customizedCloud,
      jsonData: { ...customizedCloud.jsonData, authorityHost: 'https://login.example' },
    });
    fireEvent.change(screen.getByLabelText(/Graph endpoint/), { target: { value: 'https://graph.example' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...customizedCloud,
      jsonData: { ...customizedCloud.jsonData, graphEndpoint: 'https://graph.example' },
    });
  });

  it('sets the Graph API version, v1.0 by default', async () => {
    const options = makeOptions();
    const onOptionsChange = setup(options);
    expect(screen.getByRole('radio', { name: 'v1.0' })).toBeChecked();
    await userEvent.click(screen.getByRole('radio', { name: 'beta' }));
    expect(onOptionsChange).toHaveBeenCalledWith({
      ...options,
      jsonData: { ...options.jsonData, graphApiVersion: 'beta' },
    });
  });
});
