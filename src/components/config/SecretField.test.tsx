import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { makeOptions } from '../../__fixtures__/settings';
import { Options } from './options';
import { SecretField } from './SecretField';

function setup(options: Options) {
  const onOptionsChange = jest.fn();
  render(
    <SecretField
      label="Token"
      description="The token."
      id="test-token"
      secret="rulesBundleToken"
      placeholder="Bearer token"
      width={20}
      options={options}
      onOptionsChange={onOptionsChange}
    />
  );
  return onOptionsChange;
}

describe('SecretField', () => {
  it('labels the input and writes what is typed to secureJsonData under its key', () => {
    const options = makeOptions({ secureJsonData: { redisPassword: 'other' } });
    const onOptionsChange = setup(options);
    const input = screen.getByLabelText(/^Token/);
    expect(input).toHaveAttribute('id', 'test-token');
    expect(input).toHaveAttribute('placeholder', 'Bearer token');
    fireEvent.change(input, { target: { value: 't0ken' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      secureJsonData: { redisPassword: 'other', rulesBundleToken: 't0ken' },
    });
  });

  it('shows a stored secret as configured, and Reset forgets it', async () => {
    const options = makeOptions({ secureJsonFields: { rulesBundleToken: true, redisPassword: true } });
    const onOptionsChange = setup(options);
    expect(screen.getByLabelText(/^Token/)).toHaveValue('configured');
    await userEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      secureJsonFields: { rulesBundleToken: false, redisPassword: true },
      secureJsonData: { rulesBundleToken: '' },
    });
  });
});
