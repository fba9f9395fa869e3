import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { NumberField, parseOptionalInt } from './NumberField';

describe('parseOptionalInt', () => {
  it.each([
    ['', undefined],
    ['abc', undefined],
    ['0', 0],
    ['42', 42],
    ['-3', -3],
    ['7.9', 7],
  ])('%j is %p', (text, expected) => {
    expect(parseOptionalInt(text)).toBe(expected);
  });
});

describe('NumberField', () => {
  it('shows the value, and passes the typed integer or undefined once emptied', () => {
    const onChange = jest.fn();
    render(
      <NumberField
        label="Count"
        description="How many."
        id="test-count"
        min={1}
        width={12}
        placeholder="5"
        value={3}
        onChange={onChange}
      />
    );
    const input = screen.getByLabelText(/^Count/);
    expect(input).toHaveValue(3);
    expect(input).toHaveAttribute('min', '1');
    expect(input).toHaveAttribute('placeholder', '5');
    fireEvent.change(input, { target: { value: '8' } });
    expect(onChange).toHaveBeenLastCalledWith(8);
    fireEvent.change(input, { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });
});
