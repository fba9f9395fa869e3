import { expect, test } from './fixtures';

const signins = { refId: 'A', queryType: 'signins', status: 'failure' } as const;

test.describe('QueryEditor', () => {
  test('types the filters of a sign-ins query and explains the Graph filter', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({ editor: 'query', query: signins });

    await editor.field('User').pressSequentially('Alice*');
    await editor.field('App').pressSequentially("O'Brien's app");
    let recorded = await editor.recorded();
    expect(recorded.onChange.at(-1)).toEqual({ ...signins, user: 'Alice*', app: "O'Brien's app" });
    // Text fields run the query when they lose focus, not on every key.
    expect(recorded.onRunQuery).toBe(1);

    await editor.field('Request ID').fill('6B1F0000-AAAA-BBBB-CCCC-1234567890AB');
    await editor.field('OData filter').fill("location/countryOrRegion eq 'US' or location/countryOrRegion eq 'CA'");
    await editor.field('OData filter').blur();
    recorded = await editor.recorded();
    expect(recorded.onChange.at(-1)).toEqual({
      ...signins,
      user: 'Alice*',
      app: "O'Brien's app",
      requestId: '6B1F0000-AAAA-BBBB-CCCC-1234567890AB',
      filter: "location/countryOrRegion eq 'US' or location/countryOrRegion eq 'CA'",
    });
    // User, App, Request ID and the filter have each lost the focus once.
    expect(recorded.onRunQuery).toBe(4);
    await expect(
      page.getByText(
        "Graph filter: createdDateTime in the time range and startswith(userPrincipalName,'alice') and " +
          "appDisplayName eq 'O''Brien''s app' and id eq '6b1f0000-aaaa-bbbb-cccc-1234567890ab' and " +
          "(location/countryOrRegion eq 'US' or location/countryOrRegion eq 'CA'). " +
          'Then the rules keep failure sign-ins, at most 5000 rows.'
      )
    ).toBeVisible();
  });

  test('picks error codes, event types and the Conditional Access status', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({ editor: 'query', query: signins });

    await editor.typeKeys(editor.field('Error codes'), '50126');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await editor.field('Event types').click();
    await editor.pick(/^Service principal/);
    await editor.pick(/^Interactive user/);
    await page.keyboard.press('Escape');
    await editor.radio('Conditional Access', 'Failure').click();

    const recorded = await editor.recorded();
    expect(recorded.onChange.at(-1)).toEqual({
      ...signins,
      errorCodes: [50126],
      signInEventTypes: ['interactiveUser', 'servicePrincipal'],
      conditionalAccessStatus: 'failure',
    });
    // One run per pick: the error code, two event types and the Conditional Access status.
    expect(recorded.onRunQuery).toBe(4);
    await expect(page.getByText(/Only Graph beta returns non-interactive.*This data source uses v1.0/)).toBeVisible();
    await expect(
      page.getByText(
        // Graph v1.0 has no signInEventTypes: the backend ignores them, so the filter leaves them out.
        "Graph filter: createdDateTime in the time range and status/errorCode eq 50126 and conditionalAccessStatus eq 'failure'. " +
          'Then the rules keep failure sign-ins, at most 5000 rows.'
      )
    ).toBeVisible();

    // Any stores no Conditional Access status at all.
    await editor.radio('Conditional Access', 'Any').click();
    expect((await editor.recorded()).onChange.at(-1)).not.toHaveProperty('conditionalAccessStatus');
  });

  test('pushes event types to Graph beta, without a warning', async ({ editor }) => {
    await editor.mount({
      editor: 'query',
      query: { ...signins, signInEventTypes: ['nonInteractiveUser'] },
      jsonData: { graphApiVersion: 'beta' },
    });
    await expect(editor.page.getByText('Non-interactive user')).toBeVisible();
    await expect(editor.page.getByText(/This data source uses/)).toHaveCount(0);
    await expect(
      editor.page.getByText(
        "Graph filter: createdDateTime in the time range and signInEventTypes/any(t: t eq 'nonInteractiveUser'). " +
          'Then the rules keep failure sign-ins, at most 5000 rows.'
      )
    ).toBeVisible();
  });

  test('explains one sign-in by its request ID', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({ editor: 'query', query: { ...signins, user: 'kept@contoso.com' } });

    await editor.radio('Query type', 'Explain a sign-in').click();
    await expect(editor.field('User')).toHaveCount(0);
    await expect(page.getByText('Enter the request ID or the correlation ID of a sign-in.')).toBeVisible();
    await editor.field('Request ID').fill('6B1F0000-AAAA-BBBB-CCCC-1234567890AB');
    await editor.field('Request ID').blur();

    const recorded = await editor.recorded();
    expect(recorded.onChange.at(-1)).toEqual({
      ...signins,
      queryType: 'explain',
      user: 'kept@contoso.com',
      requestId: '6B1F0000-AAAA-BBBB-CCCC-1234567890AB',
    });
    expect(recorded.onRunQuery).toBe(2);
    await expect(
      page.getByText(
        'Graph filter: createdDateTime in the 30 days before the end of the time range and ' +
          "id eq '6b1f0000-aaaa-bbbb-cccc-1234567890ab'. " +
          'Then every rule that matches each sign-in is listed, with why.'
      )
    ).toBeVisible();
    await editor.screenshot('query-editor-explain');
  });

  test('looks like Grafana', async ({ editor }) => {
    await editor.mount({
      editor: 'query',
      query: {
        ...signins,
        user: 'alice@contoso.com',
        errorCodes: [50126, 50053],
        signInEventTypes: ['interactiveUser', 'nonInteractiveUser'],
        conditionalAccessStatus: 'failure',
        filter: "location/countryOrRegion eq 'US'",
      },
    });
    const main = editor.page.getByTestId('query-editor');
    // Grafana's dark theme: the editor's frame has background.primary (#181b1f).
    await expect(main).toHaveCSS('background-color', 'rgb(24, 27, 31)');
    await expect(main.getByText('50126', { exact: true })).toBeVisible();
    await editor.screenshot('query-editor');
  });
});
