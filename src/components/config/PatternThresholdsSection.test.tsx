import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';

import { makeOptions } from '../../__fixtures__/settings';
import { Options } from './options';
import { parseThresholds, PatternThresholdsSection, THRESHOLDS_PLACEHOLDER } from './PatternThresholdsSection';

function setup(options: Options) {
  const onOptionsChange = jest.fn();
  render(<PatternThresholdsSection options={options} onOptionsChange={onOptionsChange} />);
  return onOptionsChange;
}

const field = () => screen.getByLabelText(/^Thresholds \(JSON\)/);

describe('PatternThresholdsSection', () => {
  it('shows the example as a placeholder in a monospace field', () => {
    setup(makeOptions());
    expect(field()).toHaveAttribute('placeholder', '{"password-spray": {"minUsers": 10, "window": "30m"}}');
    expect(field()).toHaveValue('');
  });

  it('stores valid JSON as an object in jsonData.patternThresholds', () => {
    const options = makeOptions();
    const onOptionsChange = setup(options);
    fireEvent.change(field(), {
      target: { value: '{"password-spray": {"minUsers": 10, "window": "30m"}, "legacy-auth": {"enabled": false}}' },
    });
    expect(onOptionsChange).toHaveBeenCalledTimes(1);
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: {
        ...options.jsonData,
        patternThresholds: { 'password-spray': { minUsers: 10, window: '30m' }, 'legacy-auth': { enabled: false } },
      },
    });
    expect(screen.queryByText(/Not valid JSON/)).not.toBeInTheDocument();
  });

  it('shows why invalid JSON is not stored, and keeps the settings', () => {
    const onOptionsChange = setup(makeOptions());
    fireEvent.change(field(), { target: { value: '{"password-spray": {"minUsers": 10,}}' } });
    expect(onOptionsChange).not.toHaveBeenCalled();
    expect(field()).toHaveValue('{"password-spray": {"minUsers": 10,}}');
    expect(
      screen.getByText(/^Not valid JSON: .*The last valid thresholds are kept until this is fixed\.$/)
    ).toBeInTheDocument();
    expect(field()).toHaveAttribute('aria-invalid', 'true');
  });

  it('refuses JSON that is not an object of patterns', () => {
    const onOptionsChange = setup(makeOptions());
    fireEvent.change(field(), { target: { value: '{"password-spray": 10}' } });
    expect(screen.getByText(/^"password-spray" must be an object of thresholds/)).toBeInTheDocument();
    fireEvent.change(field(), { target: { value: '[1]' } });
    expect(screen.getByText(/^Must be a JSON object of patterns/)).toBeInTheDocument();
    expect(onOptionsChange).not.toHaveBeenCalled();
  });

  it('shows stored thresholds as indented JSON, and clearing them removes the overrides', () => {
    const options = makeOptions({
      jsonData: { source: 'demo', patternThresholds: { 'ca-block-wave': { minUsers: 100 } } },
    });
    const onOptionsChange = setup(options);
    expect(field()).toHaveValue('{\n  "ca-block-wave": {\n    "minUsers": 100\n  }\n}');
    fireEvent.change(field(), { target: { value: '  ' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { source: 'demo', patternThresholds: undefined },
    });
  });

  it.each([
    ['', {}],
    ['{}', { thresholds: {} }],
    [THRESHOLDS_PLACEHOLDER, { thresholds: { 'password-spray': { minUsers: 10, window: '30m' } } }],
    ['null', { error: `Must be a JSON object of patterns, for example ${THRESHOLDS_PLACEHOLDER}` }],
  ])('parses %j', (text, expected) => {
    expect(parseThresholds(text)).toEqual(expected);
  });
});
