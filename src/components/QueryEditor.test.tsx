import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { makeInstanceSettings } from '../__fixtures__/settings';
import { DataSource } from '../datasource';
import { SignInQuery } from '../types';
import { QueryEditor } from './QueryEditor';

const datasource = new DataSource(makeInstanceSettings());
const baseQuery: SignInQuery = { refId: 'A', queryType: 'signins', status: 'failure' };

const radio = (group: string, name: string) =>
  within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name });

function setup(query: SignInQuery = baseQuery, ds: DataSource = datasource) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(<QueryEditor datasource={ds} query={query} onChange={onChange} onRunQuery={onRunQuery} />);
  return { onChange, onRunQuery };
}

describe('QueryEditor', () => {
  it('switches the query type and runs the query', async () => {
    const { onChange, onRunQuery } = setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Rules' }));
    expect(onChange).toHaveBeenCalledWith({ ...baseQuery, queryType: 'rules' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('offers the explain query type', async () => {
    const { onChange, onRunQuery } = setup();
    await userEvent.click(screen.getByRole('radio', { name: 'Explain a sign-in' }));
    expect(onChange).toHaveBeenCalledWith({ ...baseQuery, queryType: 'explain' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('asks an explain query for a request ID or a correlation ID only', () => {
    const explain: SignInQuery = { refId: 'A', queryType: 'explain', user: 'kept@contoso.com' };
    const { onChange, onRunQuery } = setup(explain);
    expect(screen.queryByLabelText('User')).not.toBeInTheDocument();
    expect(screen.queryByRole('radiogroup', { name: 'Status' })).not.toBeInTheDocument();
    expect(screen.getByText('Enter the request ID or the correlation ID of a sign-in.')).toBeInTheDocument();
    const input = screen.getByLabelText('Request ID');
    fireEvent.change(input, { target: { value: '6B1F0000-AAAA-BBBB-CCCC-1234567890AB' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...explain, requestId: '6B1F0000-AAAA-BBBB-CCCC-1234567890AB' });
    fireEvent.blur(input);
    expect(onRunQuery).toHaveBeenCalledTimes(1);
    fireEvent.change(screen.getByLabelText('Correlation ID'), { target: { value: 'c' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...explain, correlationId: 'c' });
  });

  it('explains what an explain query pushes to Graph', () => {
    setup({ refId: 'A', queryType: 'explain', requestId: '6B1F0000-AAAA-BBBB-CCCC-1234567890AB' });
    expect(
      screen.getByText(
        "Graph filter: createdDateTime in the 30 days before the end of the time range and id eq '6b1f0000-aaaa-bbbb-cccc-1234567890ab'. Then every rule that matches each sign-in is listed, with why."
      )
    ).toBeInTheDocument();
  });

  it('sets the Conditional Access status, and clears it for any', async () => {
    const { onChange, onRunQuery } = setup({ ...baseQuery, conditionalAccessStatus: 'failure' });
    expect(radio('Conditional Access', 'Failure')).toBeChecked();
    await userEvent.click(radio('Conditional Access', 'Not applied'));
    expect(onChange).toHaveBeenLastCalledWith({ ...baseQuery, conditionalAccessStatus: 'notApplied' });
    await userEvent.click(radio('Conditional Access', 'Any'));
    expect(onChange).toHaveBeenLastCalledWith({ ...baseQuery, conditionalAccessStatus: undefined });
    expect(onRunQuery).toHaveBeenCalledTimes(2);
  });

  it('picks sign-in event types in their canonical order', async () => {
    const { onChange, onRunQuery } = setup({ ...baseQuery, signInEventTypes: ['servicePrincipal'] });
    await userEvent.click(screen.getByLabelText('Event types'));
    await userEvent.click(await screen.findByRole('option', { name: /^Interactive user/ }));
    expect(onChange).toHaveBeenLastCalledWith({
      ...baseQuery,
      signInEventTypes: ['interactiveUser', 'servicePrincipal'],
    });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('warns that only Graph beta returns non-interactive event types', () => {
    setup({ ...baseQuery, signInEventTypes: ['nonInteractiveUser'] });
    expect(screen.getByText(/Only Graph beta returns non-interactive.*This data source uses v1.0/)).toBeInTheDocument();
  });

  it('does not warn for interactive sign-ins only, or on beta', () => {
    const { unmount } = render(
      <QueryEditor
        datasource={datasource}
        query={{ ...baseQuery, signInEventTypes: ['interactiveUser'] }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
      />
    );
    expect(screen.queryByText(/This data source uses/)).not.toBeInTheDocument();
    unmount();
    const settings = makeInstanceSettings();
    const beta = new DataSource({ ...settings, jsonData: { ...settings.jsonData, graphApiVersion: 'beta' } });
    render(
      <QueryEditor
        datasource={beta}
        query={{ ...baseQuery, signInEventTypes: ['managedIdentity'] }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
      />
    );
    expect(screen.queryByText(/This data source uses/)).not.toBeInTheDocument();
  });

  it('shows no filters for a rules query', () => {
    setup({ refId: 'A', queryType: 'rules' });
    expect(screen.queryByLabelText('User')).not.toBeInTheDocument();
    expect(screen.queryByText(/Graph filter/)).not.toBeInTheDocument();
  });

  it('treats a query without a type as a sign-ins query', () => {
    setup({ refId: 'A' } as SignInQuery);
    expect(screen.getByRole('radio', { name: 'Sign-ins' })).toBeChecked();
    expect(radio('Status', 'Failure')).toBeChecked();
  });

  it('sets the status and runs the query', async () => {
    const { onChange, onRunQuery } = setup();
    await userEvent.click(radio('Status', 'Interrupted'));
    expect(onChange).toHaveBeenCalledWith({ ...baseQuery, status: 'interrupted' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it.each([
    ['User', 'user', 'alice@contoso.com'],
    ['App', 'app', 'Microsoft Teams'],
    ['IP address', 'ipAddress', '203.0.113.*'],
    ['Correlation ID', 'correlationId', '0f0e0d0c-0b0a-0908-0706-050403020100'],
    ['Request ID', 'requestId', '6b1f0000-aaaa-bbbb-cccc-1234567890ab'],
    ['Client app', 'clientApp', 'IMAP4'],
    ['OData filter', 'filter', "location/countryOrRegion eq 'US'"],
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

  it('explains the new filters, with escaped quotes, and the event types on Graph beta', () => {
    const settings = makeInstanceSettings();
    const beta = new DataSource({ ...settings, jsonData: { ...settings.jsonData, graphApiVersion: 'beta' } });
    setup(
      {
        ...baseQuery,
        clientApp: "O'Reilly",
        signInEventTypes: ['nonInteractiveUser', 'interactiveUser'],
        conditionalAccessStatus: 'failure',
        filter: "appId eq 'a' or appId eq 'b'",
      },
      beta
    );
    expect(
      screen.getByText(
        "Graph filter: createdDateTime in the time range and clientAppUsed eq 'O''Reilly' and " +
          "conditionalAccessStatus eq 'failure' and (appId eq 'a' or appId eq 'b') and " +
          "signInEventTypes/any(t: t eq 'nonInteractiveUser' or t eq 'interactiveUser'). Then the rules keep failure sign-ins, at most 5000 rows."
      )
    ).toBeInTheDocument();
  });
});
