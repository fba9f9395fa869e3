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
  it('hides the endpoints for a known cloud', () => {
    setup(makeOptions());
    expect(screen.queryByLabelText(/Authority host/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText(/Graph endpoint/)).not.toBeInTheDocument();
  });

  it('asks a customized cloud for its authority host and Graph endpoint', () => {
    const onOptionsChange = setup(customizedCloud);
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
