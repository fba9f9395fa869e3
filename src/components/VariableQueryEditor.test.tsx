import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { makeInstanceSettings } from '../__fixtures__/settings';
import { DataSource } from '../datasource';
import { SignInVariableQuery } from '../types';
import { VariableQueryEditor } from './VariableQueryEditor';

const datasource = new DataSource(makeInstanceSettings());
const users: SignInVariableQuery = { refId: 'V', queryType: 'variable', variable: 'users' };

function setup(query: unknown) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(
    <VariableQueryEditor
      datasource={datasource}
      query={query as SignInVariableQuery}
      onChange={onChange}
      onRunQuery={onRunQuery}
    />
  );
  return { onChange, onRunQuery };
}

describe('VariableQueryEditor', () => {
  it('lists apps for a new variable', () => {
    setup(undefined);
    expect(screen.getByLabelText('List')).toHaveValue('Apps');
    // A variable lists every app by default, not only the failing ones; max rows does not apply.
    expect(
      within(screen.getByRole('radiogroup', { name: 'Status' })).getByRole('radio', { name: 'All' })
    ).toBeChecked();
    expect(screen.queryByLabelText('Max rows')).not.toBeInTheDocument();
  });

  it.each(['errorCodes', 'categories'])('shows no sign-in filters for %s, listed from the rules', (variable) => {
    setup({ ...users, variable });
    expect(screen.queryByLabelText('User')).not.toBeInTheDocument();
    expect(screen.getByText(/of the rule catalogue; no sign-ins are read/)).toBeInTheDocument();
  });

  it('reads a kind written as a plain string', () => {
    setup('countries');
    expect(screen.getByLabelText('List')).toHaveValue('Countries');
  });

  it('picks what to list and runs the query', async () => {
    const { onChange, onRunQuery } = setup(users);
    await userEvent.click(screen.getByLabelText('List'));
    await userEvent.click(await screen.findByRole('option', { name: /^Error codes/ }));
    expect(onChange).toHaveBeenLastCalledWith({ ...users, variable: 'errorCodes' });
    expect(onRunQuery).toHaveBeenCalled();
  });

  it('stores the sign-in filters with the kind', async () => {
    const { onChange } = setup(users);
    fireEvent.change(screen.getByLabelText('App'), { target: { value: '$app' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...users, app: '$app' });
    await userEvent.click(
      within(screen.getByRole('radiogroup', { name: 'Status' })).getByRole('radio', { name: 'Failure' })
    );
    expect(onChange).toHaveBeenLastCalledWith({ ...users, status: 'failure' });
  });

  it('turns a legacy string query into a typed one on the first change', () => {
    const { onChange } = setup('clientApps');
    fireEvent.change(screen.getByLabelText('User'), { target: { value: 'a*' } });
    expect(onChange).toHaveBeenLastCalledWith({
      refId: 'variable',
      queryType: 'variable',
      variable: 'clientApps',
      user: 'a*',
    });
  });

  it('explains what is read and listed', () => {
    setup({ ...users, user: 'Bob*' });
    expect(
      screen.getByText(
        "Graph filter: createdDateTime in the time range and startswith(userPrincipalName,'bob'). Then every sign-in is kept, and their distinct users are listed."
      )
    ).toBeInTheDocument();
  });
});
