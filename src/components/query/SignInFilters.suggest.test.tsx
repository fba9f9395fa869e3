import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';

import { SignInQuery } from '../../types';
import { SignInFilters } from './SignInFilters';

// The editor waits SUGGEST_DELAY_MS after typing; on a busy CI machine rendering adds more, so
// the waits allow seconds rather than waitFor's default one.
const slow = { timeout: 5000 };

describe('type-ahead for user and app', () => {
  it('asks the plugin for users and apps matching what was typed and offers them', async () => {
    const suggest = jest.fn(async (kind: string, text: string) =>
      kind === 'users' ? [`${text}ce@contoso.com`] : ['Microsoft Teams']
    );
    const query: SignInQuery = { refId: 'A', queryType: 'signins', user: 'ali*', app: 'Micro' };
    render(
      <SignInFilters
        query={query}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
        graphApiVersion="v1.0"
        suggest={suggest}
      />
    );
    await waitFor(() => expect(suggest).toHaveBeenCalledWith('users', 'ali'), slow);
    expect(suggest).toHaveBeenCalledWith('apps', 'Micro');
    const users = await screen.findByTestId('sigdiag-user-A-suggestions', {}, slow);
    await waitFor(() => expect(users.querySelector('option')?.getAttribute('value')).toBe('alice@contoso.com'), slow);
    expect(screen.getByLabelText('User')).toHaveAttribute('list', 'sigdiag-user-A-suggestions');
    const apps = screen.getByTestId('sigdiag-app-A-suggestions');
    await waitFor(() => expect(apps.querySelector('option')?.getAttribute('value')).toBe('Microsoft Teams'), slow);
  });

  it('offers nothing and asks nothing without a suggest function', async () => {
    render(
      <SignInFilters
        query={{ refId: 'B', queryType: 'signins', user: 'bob' }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
        graphApiVersion="v1.0"
      />
    );
    expect(screen.queryByTestId('sigdiag-user-B-suggestions')).not.toBeInTheDocument();
  });
});
