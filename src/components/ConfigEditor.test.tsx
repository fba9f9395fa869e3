import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { makeOptions } from '../__fixtures__/settings';
import { ConfigEditor } from './ConfigEditor';
import { Options } from './config/options';

function setup(options: Options) {
  const onOptionsChange = jest.fn();
  render(<ConfigEditor options={options} onOptionsChange={onOptionsChange} />);
  return onOptionsChange;
}

describe('ConfigEditor', () => {
  it('shows the Azure credentials for Microsoft Graph, the default source', () => {
    setup(makeOptions({ jsonData: {} }));
    expect(screen.getByRole('radio', { name: 'Microsoft Graph' })).toBeChecked();
    expect(screen.getByLabelText('Authentication')).toBeInTheDocument();
    expect(screen.getByLabelText('Graph API version')).toBeInTheDocument();
    expect(screen.getByLabelText('Inline rules')).toBeInTheDocument();
  });

  it('hides the credentials for the demo tenant but keeps the rules', () => {
    setup(makeOptions({ jsonData: { source: 'demo' } }));
    expect(screen.queryByLabelText('Authentication')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Graph API version')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Inline rules')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Thresholds \(JSON\)/)).toBeInTheDocument();
  });

  it('switches the source', async () => {
    const options = makeOptions();
    const onOptionsChange = setup(options);
    await userEvent.click(screen.getByRole('radio', { name: 'Demo tenant' }));
    expect(onOptionsChange).toHaveBeenCalledWith({ ...options, jsonData: { ...options.jsonData, source: 'demo' } });
  });
});
