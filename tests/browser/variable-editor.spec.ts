import { expect, test } from './fixtures';

test.describe('VariableQueryEditor', () => {
  test('lists apps by default and picks another kind', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({ editor: 'variable' });

    await expect(editor.field('List')).toHaveValue('Apps');
    await editor.field('List').click();
    await editor.pick(/^Countries/);

    const recorded = await editor.recorded();
    expect(recorded.onChange.at(-1)).toEqual({ refId: 'variable', queryType: 'variable', variable: 'countries' });
    expect(recorded.onRunQuery).toBe(1);
    await expect(page.getByText(/their distinct countries are listed\.$/)).toBeVisible();
  });

  test('reads a plain-string query and stores the sign-in filters with it', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({ editor: 'variable', query: 'users' });

    await expect(editor.field('List')).toHaveValue('Users');
    // A variable lists every user by default; max rows bounds tables only.
    await expect(editor.radio('Status', 'All')).toBeChecked();
    await expect(editor.field('Max rows')).toHaveCount(0);
    await editor.radio('Status', 'Failure').click();
    await editor.field('App').fill('$app');
    await editor.field('OData filter').fill("location/countryOrRegion eq '$country'");

    const recorded = await editor.recorded();
    expect(recorded.onChange.at(-1)).toEqual({
      refId: 'variable',
      queryType: 'variable',
      variable: 'users',
      status: 'failure',
      app: '$app',
      filter: "location/countryOrRegion eq '$country'",
    });
    await expect(
      page.getByText(
        "Graph filter: createdDateTime in the time range and appDisplayName eq '$app' and location/countryOrRegion eq '$country'. " +
          'Then the rules keep failure sign-ins, and their distinct users are listed.'
      )
    ).toBeVisible();
  });

  test('lists error codes from the rules, without sign-in filters', async ({ editor }) => {
    await editor.mount({ editor: 'variable', query: { refId: 'V', queryType: 'variable', variable: 'apps' } });
    await editor.field('List').click();
    await editor.pick(/^Error codes/);
    await expect(editor.field('User')).toHaveCount(0);
    await expect(
      editor.page.getByText('Lists the error codes of the rule catalogue; no sign-ins are read.')
    ).toBeVisible();
    expect((await editor.recorded()).onChange).toEqual([{ refId: 'V', queryType: 'variable', variable: 'errorCodes' }]);
  });

  test('looks like Grafana', async ({ editor }) => {
    await editor.mount({
      editor: 'variable',
      query: { refId: 'V', queryType: 'variable', variable: 'users', status: 'failure', errorCodes: [50053] },
    });
    await expect(editor.page.getByText('50053', { exact: true })).toBeVisible();
    await editor.screenshot('variable-editor');
  });
});
