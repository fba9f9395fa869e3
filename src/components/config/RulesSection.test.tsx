import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BackendSrvRequest } from '@grafana/runtime';

import { makeOptions } from '../../__fixtures__/settings';
import { ValidateRulesRequest, ValidateRulesResponse } from '../../types';
import { Options } from './options';
import { RulesSection } from './RulesSection';

const mockPost = jest.fn<Promise<ValidateRulesResponse>, [string, ValidateRulesRequest, Partial<BackendSrvRequest>]>();

jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  getBackendSrv: () => ({ post: mockPost }),
}));

const RULES = 'package signin.rules.custom\n\nfindings contains x if {\n    x := \n}';

function setup(options: Options) {
  const onOptionsChange = jest.fn();
  render(<RulesSection options={options} onOptionsChange={onOptionsChange} />);
  return onOptionsChange;
}

const withRules = makeOptions({ jsonData: { source: 'demo', customRules: RULES } });

describe('RulesSection', () => {
  beforeEach(() => mockPost.mockReset());

  it('sets jsonData.customRules and jsonData.rulesPath', () => {
    const options = makeOptions();
    const onOptionsChange = setup(options);
    fireEvent.change(screen.getByLabelText('Inline rules'), { target: { value: 'package signin.rules.x' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, customRules: 'package signin.rules.x' },
    });
    fireEvent.change(screen.getByLabelText(/Rules folder/), { target: { value: '/etc/rules' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({
      ...options,
      jsonData: { ...options.jsonData, rulesPath: '/etc/rules' },
    });
  });

  it('cannot validate empty rules', () => {
    setup(makeOptions());
    expect(screen.getByRole('button', { name: 'Validate' })).toBeDisabled();
  });

  it('posts the rules to the backend and lists the errors as row:col message', async () => {
    mockPost.mockResolvedValue({
      valid: false,
      errors: [
        { file: 'customRules', row: 3, col: 5, message: 'rego_parse_error: unexpected assign token' },
        { row: 0, col: 0, message: 'no rule defines findings' },
      ],
    });
    setup(withRules);
    await userEvent.click(screen.getByRole('button', { name: 'Validate' }));

    expect(mockPost).toHaveBeenCalledWith(
      '/api/datasources/uid/ds-uid/resources/rules/validate',
      { rules: RULES },
      { showErrorAlert: false }
    );
    const list = await screen.findByRole('list', { name: 'Rule errors' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((item) => item.textContent)
    ).toEqual(['3:5 rego_parse_error: unexpected assign token', 'no rule defines findings']);
    expect(screen.getByText('The rules do not compile')).toBeInTheDocument();
  });

  it('says so when the rules compile', async () => {
    mockPost.mockResolvedValue({ valid: true, errors: [] });
    setup(withRules);
    await userEvent.click(screen.getByRole('button', { name: 'Validate' }));
    expect(await screen.findByText('The rules compile together with the built-in rules')).toBeInTheDocument();
  });

  it('shows why the backend could not validate', async () => {
    mockPost.mockRejectedValue({ status: 413, data: { error: 'the rules are larger than the limit' } });
    setup(withRules);
    await userEvent.click(screen.getByRole('button', { name: 'Validate' }));
    expect(await screen.findByText('the rules are larger than the limit')).toBeInTheDocument();
  });

  it('forgets the result when the rules change', async () => {
    mockPost.mockResolvedValue({ valid: false, errors: [{ row: 3, col: 5, message: 'unexpected token' }] });
    setup(withRules);
    await userEvent.click(screen.getByRole('button', { name: 'Validate' }));
    expect(await screen.findByText('3:5 unexpected token')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Inline rules'), { target: { value: `${RULES} 1` } });
    expect(screen.queryByText('3:5 unexpected token')).not.toBeInTheDocument();
  });
});

describe('RulesSection bundle', () => {
  it('asks for the key, the poll interval and the token only once a bundle URL is set', () => {
    const options = makeOptions();
    const onOptionsChange = setup(options);
    expect(screen.queryByLabelText(/Bundle public key/)).not.toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/Rules bundle URL/), {
      target: { value: 'https://b.example.com/b.tar.gz' },
    });
    expect(onOptionsChange.mock.lastCall[0].jsonData.rulesBundle).toEqual({ url: 'https://b.example.com/b.tar.gz' });
  });

  it('sets the key and the poll interval, and keeps the token in secureJsonData', () => {
    const options = makeOptions({
      jsonData: { ...makeOptions().jsonData, rulesBundle: { url: 'https://b.example.com/b.tar.gz' } },
    });
    const onOptionsChange = setup(options);
    fireEvent.change(screen.getByLabelText(/Bundle public key/), { target: { value: '-----BEGIN PUBLIC KEY-----' } });
    expect(onOptionsChange.mock.lastCall[0].jsonData.rulesBundle).toEqual({
      url: 'https://b.example.com/b.tar.gz',
      publicKey: '-----BEGIN PUBLIC KEY-----',
    });
    fireEvent.change(screen.getByLabelText(/Poll every/), { target: { value: '30' } });
    expect(onOptionsChange.mock.lastCall[0].jsonData.rulesBundle.pollSeconds).toBe(30);
    fireEvent.change(screen.getByLabelText(/Bundle token/), { target: { value: 't0ken' } });
    expect(onOptionsChange).toHaveBeenLastCalledWith({ ...options, secureJsonData: { rulesBundleToken: 't0ken' } });
  });

  it('clears the stored token when the URL changes', () => {
    const options = makeOptions({
      jsonData: { ...makeOptions().jsonData, rulesBundle: { url: 'https://b.example.com/b.tar.gz' } },
      secureJsonFields: { rulesBundleToken: true },
    });
    const onOptionsChange = setup(options);
    fireEvent.change(screen.getByLabelText(/Rules bundle URL/), {
      target: { value: 'https://other.example.com/b.tar.gz' },
    });
    expect(onOptionsChange.mock.lastCall[0].secureJsonFields).toMatchObject({ rulesBundleToken: false });
  });
});
