import { expect, test } from './fixtures';

const signins = { refId: 'A', queryType: 'signins', status: 'failure' } as const;

test.describe('QueryEditor query types', () => {
  test('switches to a time series, groups it and counts users', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({ editor: 'query', query: { ...signins, maxRows: 100 } });
    await expect(editor.field('Max rows')).toBeVisible();

    await editor.radio('Query type', 'Time series').click();
    // Move away, as a user would: the option's description tooltip covers the row below.
    await page.mouse.move(0, 0);
    // A time series counts every sign-in: no max rows.
    await expect(editor.field('Max rows')).toHaveCount(0);
    await expect(editor.field('Group by')).toHaveValue('None');

    await editor.field('Group by').click();
    await editor.pick(/^Error code/);
    await editor.field('Top').fill('5');
    await editor.field('Top').blur();
    await editor.radio('Count', 'Users').click();
    await page.mouse.move(0, 0);
    await editor.field('Rule IDs').fill('unmapped');
    await editor.field('Rule IDs').press('Enter');

    const recorded = await editor.recorded();
    expect(recorded.onChange.at(-1)).toEqual({
      ...signins,
      maxRows: 100,
      queryType: 'timeseries',
      groupBy: 'errorCode',
      topN: 5,
      metric: 'users',
      ruleIds: ['unmapped'],
    });
    // The type, the group by, top N (on blur), the metric and the rule ID each ran the query.
    expect(recorded.onRunQuery).toBe(5);
    await expect(page.getByText('unmapped', { exact: true })).toBeVisible();
    await expect(
      page.getByText(
        'Graph filter: createdDateTime in the time range. Then the rules keep failure sign-ins whose winning rule is unmapped, ' +
          'and their distinct users are counted per interval, one series per error code (the top 5, the rest summed as other).'
      )
    ).toBeVisible();
    await editor.screenshot('query-editor-timeseries');

    // Pattern findings ignore the status: the editor hides it, and top N and the metric with it.
    // The menu shows the first dozen options; typing finds the rest.
    await editor.field('Group by').click();
    await editor.field('Group by').fill('Patt');
    await editor.pick(/^Pattern/);
    expect((await editor.recorded()).onChange.at(-1)).toMatchObject({ queryType: 'timeseries', groupBy: 'pattern' });
    await expect(page.getByRole('radiogroup', { name: 'Status' })).toHaveCount(0);
    await expect(editor.field('Top')).toHaveCount(0);
    await expect(page.getByText(/\(the status filter is not applied\) are counted per interval/)).toBeVisible();

    // A breakdown cannot group by pattern: the switch drops it and the default, error code, shows.
    await editor.radio('Query type', 'Breakdown').click();
    expect((await editor.recorded()).onChange.at(-1)).not.toHaveProperty('groupBy');
    await expect(editor.field('Group by')).toHaveValue('Error code');
  });

  test('shows the patterns hint and no status', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({ editor: 'query', query: signins });
    await editor.radio('Query type', 'Patterns').click();
    expect((await editor.recorded()).onChange.at(-1)).toEqual({ ...signins, queryType: 'patterns' });
    await expect(page.getByRole('radiogroup', { name: 'Status' })).toHaveCount(0);
    await expect(page.getByText(/need a time range of at least 24 hours/)).toBeVisible();
    await expect(
      page.getByText(
        'Graph filter: createdDateTime in the time range. Then the pattern rules look for attacks and outages across every sign-in (the status filter is not applied).'
      )
    ).toBeVisible();
  });
});
