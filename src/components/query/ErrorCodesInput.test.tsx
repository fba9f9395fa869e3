import React from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { ErrorCodesInput } from './ErrorCodesInput';

describe('ErrorCodesInput', () => {
  it('offers the rule catalogue codes with their titles after the frequent ones', async () => {
    const catalogue = jest.fn(async () => [
      { text: '50126 — Invalid username or password', value: '50126' },
      { text: '90025 — Internal retries exhausted', value: '90025' },
    ]);
    const onChange = jest.fn();
    render(<ErrorCodesInput id="codes" value={[]} onChange={onChange} catalogue={catalogue} />);
    expect(catalogue).toHaveBeenCalledTimes(1);
    // The list is virtualised: narrow it to the catalogue code before picking it.
    await userEvent.type(screen.getByRole('combobox'), '900');
    await userEvent.click(await screen.findByRole('option', { name: /Internal retries exhausted/ }));
    expect(onChange).toHaveBeenLastCalledWith([90025]);
  });
});
