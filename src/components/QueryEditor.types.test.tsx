// The query types beyond sign-ins: time series, breakdown, patterns and annotations, and the
// ruleIds filter every sign-in query type has.
import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

import { makeInstanceSettings } from '../__fixtures__/settings';
import { DataSource } from '../datasource';
import { SignInQuery } from '../types';
import { PATTERNS_RANGE_HINT, QueryEditor } from './QueryEditor';

const datasource = new DataSource(makeInstanceSettings());
const signins: SignInQuery = { refId: 'A', queryType: 'signins', status: 'failure' };
const timeseries: SignInQuery = { refId: 'A', queryType: 'timeseries', status: 'failure' };
const breakdown: SignInQuery = { refId: 'A', queryType: 'breakdown', status: 'failure' };

const radio = (group: string, name: string) =>
  within(screen.getByRole('radiogroup', { name: group })).getByRole('radio', { name });

function setup(query: SignInQuery) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  render(<QueryEditor datasource={datasource} query={query} onChange={onChange} onRunQuery={onRunQuery} />);
  return { onChange, onRunQuery };
}

describe('QueryEditor query types', () => {
  it('switches to each new type and runs the query', async () => {
    const query = { ...signins, user: 'alice@contoso.com' };
    const { onChange, onRunQuery } = setup(query);
    const types = [
      ['Time series', 'timeseries'],
      ['Breakdown', 'breakdown'],
      ['Patterns', 'patterns'],
      ['Annotations', 'annotations'],
    ] as const;
    for (const [label, queryType] of types) {
      await userEvent.click(radio('Query type', label));
      expect(onChange).toHaveBeenLastCalledWith({ ...query, queryType });
    }
    expect(onChange).toHaveBeenCalledTimes(4);
    expect(onRunQuery).toHaveBeenCalledTimes(4);
  });

  it('drops group by pattern when a time series becomes a breakdown', async () => {
    const { onChange } = setup({ ...timeseries, groupBy: 'pattern', topN: 5 });
    await userEvent.click(radio('Query type', 'Breakdown'));
    expect(onChange).toHaveBeenCalledWith({ ...timeseries, queryType: 'breakdown', topN: 5 });
  });

  it('keeps any other group by across the switch', async () => {
    const { onChange } = setup({ ...timeseries, groupBy: 'app' });
    await userEvent.click(radio('Query type', 'Breakdown'));
    expect(onChange).toHaveBeenCalledWith({ ...timeseries, queryType: 'breakdown', groupBy: 'app' });
  });

  describe('time series', () => {
    it('shows the sign-in filters without max rows, and no group by by default', () => {
      setup(timeseries);
      expect(screen.getByLabelText('User')).toBeInTheDocument();
      expect(radio('Status', 'Failure')).toBeChecked();
      expect(screen.queryByLabelText('Max rows')).not.toBeInTheDocument();
      expect(screen.getByLabelText('Group by')).toHaveValue('None');
      expect(screen.getByLabelText('Top')).toHaveAttribute('placeholder', '10');
      expect(radio('Count', 'Sign-ins')).toBeChecked();
      expect(
        screen.getByText(
          'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins, and they are counted per interval.'
        )
      ).toBeInTheDocument();
    });

    it('picks a group by and runs the query', async () => {
      const { onChange, onRunQuery } = setup(timeseries);
      await userEvent.click(screen.getByLabelText('Group by'));
      await userEvent.click(await screen.findByRole('option', { name: /^Error code/ }));
      expect(onChange).toHaveBeenLastCalledWith({ ...timeseries, groupBy: 'errorCode' });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it('offers every group by, pattern included, and none clears it', async () => {
      const { onChange } = setup({ ...timeseries, groupBy: 'country' });
      await userEvent.click(screen.getByLabelText('Group by'));
      const options = (await screen.findAllByRole('option')).map((o) => o.textContent);
      expect(options).toHaveLength(13);
      expect(options.some((text) => text?.startsWith('Pattern'))).toBe(true);
      await userEvent.click(screen.getByRole('option', { name: /^None/ }));
      expect(onChange).toHaveBeenLastCalledWith({ ...timeseries, groupBy: undefined });
    });

    it('sets top N as it is typed, runs on blur, and clears it to the default', () => {
      const { onChange, onRunQuery } = setup({ ...timeseries, groupBy: 'app', topN: 20 });
      const input = screen.getByLabelText('Top');
      fireEvent.change(input, { target: { value: '5' } });
      expect(onChange).toHaveBeenLastCalledWith({ ...timeseries, groupBy: 'app', topN: 5 });
      expect(onRunQuery).not.toHaveBeenCalled();
      fireEvent.blur(input);
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      fireEvent.change(input, { target: { value: '' } });
      expect(onChange).toHaveBeenLastCalledWith({ ...timeseries, groupBy: 'app', topN: undefined });
    });

    it('counts distinct users', async () => {
      const { onChange, onRunQuery } = setup({ ...timeseries, groupBy: 'app', topN: 3 });
      await userEvent.click(radio('Count', 'Users'));
      expect(onChange).toHaveBeenLastCalledWith({ ...timeseries, groupBy: 'app', topN: 3, metric: 'users' });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
      expect(
        screen.getByText(
          'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins, and they are counted per interval, one series per app (the top 3, the rest summed as other).'
        )
      ).toBeInTheDocument();
    });

    it('explains a time series of users', () => {
      setup({ ...timeseries, metric: 'users', groupBy: 'errorCode' });
      expect(
        screen.getByText(
          'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins, and their distinct users are counted per interval, one series per error code (the top 10, the rest summed as other).'
        )
      ).toBeInTheDocument();
    });

    it('hides the status, top N and metric when it counts pattern findings', () => {
      setup({ ...timeseries, groupBy: 'pattern', user: 'a*' });
      expect(screen.queryByRole('radiogroup', { name: 'Status' })).not.toBeInTheDocument();
      expect(screen.queryByLabelText('Top')).not.toBeInTheDocument();
      expect(screen.queryByRole('radiogroup', { name: 'Count' })).not.toBeInTheDocument();
      expect(screen.getByLabelText('Group by')).toHaveValue('Pattern');
      expect(
        screen.getByText(
          "Graph filter: createdDateTime in the time range and startswith(userPrincipalName,'a'). Then the pattern findings across every sign-in (the status filter is not applied) are counted per interval, one series per pattern."
        )
      ).toBeInTheDocument();
    });
  });

  describe('breakdown', () => {
    it('groups by error code by default and has no metric or max rows', () => {
      setup(breakdown);
      expect(screen.getByLabelText('Group by')).toHaveValue('Error code');
      expect(screen.queryByRole('radiogroup', { name: 'Count' })).not.toBeInTheDocument();
      expect(screen.queryByLabelText('Max rows')).not.toBeInTheDocument();
      expect(radio('Status', 'Failure')).toBeChecked();
      expect(
        screen.getByText(
          'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins, grouped by error code (the top 10).'
        )
      ).toBeInTheDocument();
    });

    it('does not offer pattern, and picks another group by', async () => {
      const { onChange, onRunQuery } = setup(breakdown);
      await userEvent.click(screen.getByLabelText('Group by'));
      const options = (await screen.findAllByRole('option')).map((o) => o.textContent ?? '');
      expect(options).toHaveLength(11);
      expect(options.some((text) => text.startsWith('Pattern') || text.startsWith('None'))).toBe(false);
      await userEvent.click(screen.getByRole('option', { name: /^Cause/ }));
      expect(onChange).toHaveBeenLastCalledWith({ ...breakdown, groupBy: 'cause' });
      expect(onRunQuery).toHaveBeenCalledTimes(1);
    });

    it('sets top N', () => {
      const { onChange } = setup(breakdown);
      fireEvent.change(screen.getByLabelText('Top'), { target: { value: '25' } });
      expect(onChange).toHaveBeenLastCalledWith({ ...breakdown, topN: 25 });
    });
  });

  describe('patterns', () => {
    const patterns: SignInQuery = { refId: 'A', queryType: 'patterns', status: 'failure' };

    it('shows the sign-in filters without status or max rows, the range hint and the filter line', () => {
      setup({ ...patterns, app: 'Office 365 Exchange Online' });
      expect(screen.getByLabelText('User')).toBeInTheDocument();
      expect(screen.queryByRole('radiogroup', { name: 'Status' })).not.toBeInTheDocument();
      expect(screen.queryByLabelText('Max rows')).not.toBeInTheDocument();
      expect(screen.queryByLabelText('Group by')).not.toBeInTheDocument();
      expect(screen.getByText(PATTERNS_RANGE_HINT)).toBeInTheDocument();
      expect(PATTERNS_RANGE_HINT).toMatch(/at least 24 hours/);
      expect(
        screen.getByText(
          "Graph filter: createdDateTime in the time range and appDisplayName eq 'Office 365 Exchange Online'. Then the pattern rules look for attacks and outages across every sign-in (the status filter is not applied)."
        )
      ).toBeInTheDocument();
    });
  });

  it('shows no fields and no filter line for annotations', () => {
    setup({ refId: 'A', queryType: 'annotations' });
    expect(radio('Query type', 'Annotations')).toBeChecked();
    expect(screen.queryByLabelText('User')).not.toBeInTheDocument();
    expect(screen.queryByText(/Graph filter/)).not.toBeInTheDocument();
  });

  describe('rule IDs', () => {
    it.each([timeseries, { refId: 'A', queryType: 'patterns' } as SignInQuery])(
      'adds a rule ID to a $queryType query and runs it',
      async (query) => {
        const { onChange, onRunQuery } = setup(query);
        await userEvent.type(screen.getByLabelText('Rule IDs'), 'unmapped{Enter}');
        expect(onChange).toHaveBeenLastCalledWith({ ...query, ruleIds: ['unmapped'] });
        expect(onRunQuery).toHaveBeenCalledTimes(1);
      }
    );

    it('appends a template variable, and says which rules are kept', async () => {
      const { onChange } = setup({ ...signins, ruleIds: ['unmapped'] });
      expect(
        screen.getByText(
          'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins whose winning rule is unmapped, at most 5000 rows.'
        )
      ).toBeInTheDocument();
      await userEvent.type(screen.getByLabelText('Rule IDs'), '$rule{Enter}');
      expect(onChange).toHaveBeenLastCalledWith({ ...signins, ruleIds: ['unmapped', '$rule'] });
    });

    it('clears the field when the last rule ID is removed', async () => {
      const { onChange } = setup({ ...signins, ruleIds: ['unmapped'] });
      await userEvent.click(screen.getByRole('button', { name: 'Remove tag: unmapped' }));
      expect(onChange).toHaveBeenLastCalledWith({ ...signins, ruleIds: undefined });
    });
  });
});

describe('pattern picker', () => {
  it('is offered for patterns and a time series grouped by pattern only', () => {
    const { unmount } = render(
      <QueryEditor
        datasource={datasource}
        query={{ refId: 'A', queryType: 'patterns' }}
        onChange={jest.fn()}
        onRunQuery={jest.fn()}
      />
    );
    expect(screen.getByLabelText('Pattern IDs')).toBeInTheDocument();
    unmount();
    setup({ ...timeseries, groupBy: 'app' });
    expect(screen.queryByLabelText('Pattern IDs')).not.toBeInTheDocument();
  });

  it('reports the picked pattern', async () => {
    const { onChange } = setup({ ...timeseries, groupBy: 'pattern' });
    await userEvent.click(screen.getByLabelText('Pattern IDs'));
    await userEvent.click(await screen.findByRole('option', { name: 'mfa-fatigue' }));
    expect(onChange).toHaveBeenLastCalledWith({ ...timeseries, groupBy: 'pattern', patternIds: ['mfa-fatigue'] });
  });
});
