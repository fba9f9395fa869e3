import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { makeInstanceSettings } from '../__fixtures__/settings';
import { DataSource } from '../datasource';
import { SignInQuery } from '../types';
import { QueryEditor } from './QueryEditor';

const datasource = new DataSource(makeInstanceSettings());
const baseQuery: SignInQuery = { refId: 'A', queryType: 'signins', status: 'failure' };

function setup(query: SignInQuery = baseQuery) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(<QueryEditor datasource={datasource} query={query} onChange={onChange} onRunQuery={onRunQuery} />);
  return { onChange, onRunQuery };
}

describe('QueryEditor', () => {
  it('switches the query type and runs the query', async () => {
    const { onChange, onRunQuery } = setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Rules' }));
    expect(onChange).toHaveBeenCalledWith({ ...baseQuery, queryType: 'rules' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('shows no filters for a rules query', () => {
    setup({ refId: 'A', queryType: 'rules' });
    expect(screen.queryByLabelText('User')).not.toBeInTheDocument();
    expect(screen.queryByText(/Graph filter/)).not.toBeInTheDocument();
  });

  it('treats a query without a type as a sign-ins query', () => {
    setup({ refId: 'A' } as SignInQuery);
    expect(screen.getByRole('radio', { name: 'Sign-ins' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Failure' })).toBeChecked();
  });

  it('sets the status and runs the query', async () => {
    const { onChange, onRunQuery } = setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Interrupted' }));
    expect(onChange).toHaveBeenCalledWith({ ...baseQuery, status: 'interrupted' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it.each([
    ['User', 'user', 'alice@contoso.com'],
    ['App', 'app', 'Microsoft Teams'],
    ['IP address', 'ipAddress', '203.0.113.*'],
    ['Correlation ID', 'correlationId', '0f0e0d0c-0b0a-0908-0706-050403020100'],
    ['Client app', 'clientApp', 'IMAP4'],
  ])('sets %s as it is typed and runs the query on blur', (label, field, value) => {
    const { onChange, onRunQuery } = setup();
    const input = screen.getByLabelText(label);
    fireEvent.change(input, { target: { value } });
    expect(onChange).toHaveBeenCalledWith({ ...baseQuery, [field]: value });
    expect(onRunQuery).not.toHaveBeenCalled();
    fireEvent.blur(input);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
  });

  it('sets max rows, and clears it back to the default', () => {
    const { onChange } = setup({ ...baseQuery, maxRows: 100 });
    const input = screen.getByLabelText('Max rows');
    fireEvent.change(input, { target: { value: '250' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...baseQuery, maxRows: 250 });
    fireEvent.change(input, { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...baseQuery, maxRows: undefined });
  });

  it('adds a typed error code as a number', async () => {
    const { onChange, onRunQuery } = setup();
    await userEvent.type(screen.getByLabelText('Error codes'), '50126{ArrowDown}{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ ...baseQuery, errorCodes: [50126] });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('adds a template variable as an error code', async () => {
    const { onChange } = setup({ ...baseQuery, errorCodes: [50126] });
    await userEvent.type(screen.getByLabelText('Error codes'), '$code{ArrowDown}{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ ...baseQuery, errorCodes: [50126, '$code'] });
  });

  it('picks a suggested error code', async () => {
    const { onChange } = setup();
    await userEvent.type(screen.getByLabelText('Error codes'), '530');
    await userEvent.click(await screen.findByRole('option', { name: /^53003/ }));
    expect(onChange).toHaveBeenLastCalledWith({ ...baseQuery, errorCodes: [53003] });
  });

  it('explains what is pushed to Graph', () => {
    setup({ ...baseQuery, user: 'Alice*', errorCodes: [50126, 50053], maxRows: 100 });
    expect(
      screen.getByText(
        "Graph filter: createdDateTime in the time range and startswith(userPrincipalName,'alice') and " +
          '(status/errorCode eq 50126 or status/errorCode eq 50053). Then the rules keep failure sign-ins, at most 100 rows.'
      )
    ).toBeInTheDocument();
  });
});
