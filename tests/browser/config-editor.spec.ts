import { expect, test } from './fixtures';

test.describe('ConfigEditor', () => {
  test('sets up an app registration with a client secret', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({ editor: 'config', options: { jsonData: {} } });

    await expect(editor.radio('Source', 'Microsoft Graph')).toBeChecked();
    await editor.field(/^Directory \(tenant\) ID/).pressSequentially('contoso.onmicrosoft.com');
    await editor.field(/^Application \(client\) ID/).fill('22222222-2222-2222-2222-222222222222');
    await editor.field(/^Client secret/).fill('s3cret~value');

    const last = (await editor.recorded()).onOptionsChange.at(-1)!;
    expect(last.jsonData).toEqual({
      azureCredentials: {
        authType: 'clientsecret',
        tenantId: 'contoso.onmicrosoft.com',
        clientId: '22222222-2222-2222-2222-222222222222',
      },
    });
    expect(last.secureJsonData).toEqual({ azureClientSecret: 's3cret~value' });
    await expect(page.getByRole('link', { name: /How to register the app/ })).toHaveAttribute(
      'href',
      'plugins/sigdiag-signindiagnostics-datasource#register-an-app-in-entra-id'
    );
  });

  test('switches to managed identity and a national cloud', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({ editor: 'config' });

    await editor.field('Authentication').click();
    await editor.pick(/^Managed identity/);
    await expect(editor.field(/^Directory \(tenant\) ID/)).toHaveCount(0);
    await expect(page.getByText('Optional: the client ID of a user-assigned identity.')).toBeVisible();

    await editor.field('Azure cloud').click();
    await editor.pick(/^Azure US Government/);
    await expect(editor.field(/^Graph endpoint/)).toHaveAttribute('placeholder', 'https://graph.microsoft.us');
    await editor.field(/^Graph endpoint/).fill('https://dod-graph.microsoft.us');
    await editor.radio('Graph API version', 'beta').click();

    const last = (await editor.recorded()).onOptionsChange.at(-1)!;
    expect(last.jsonData).toEqual({
      source: 'graph',
      azureCredentials: {
        authType: 'msi',
        azureCloud: 'AzureUSGovernment',
        tenantId: '11111111-1111-1111-1111-111111111111',
        clientId: '22222222-2222-2222-2222-222222222222',
      },
      graphEndpoint: 'https://dod-graph.microsoft.us',
      graphApiVersion: 'beta',
    });
  });

  test('resets a configured certificate', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({
      editor: 'config',
      options: {
        jsonData: {
          source: 'graph',
          azureCredentials: { authType: 'clientcertificate', tenantId: 't', clientId: 'c' },
        },
        secureJsonFields: { azureClientCertificate: true },
      },
    });
    await expect(editor.field(/^Client certificate/)).toHaveValue('configured');
    await page.getByRole('button', { name: 'Reset' }).click();
    const last = (await editor.recorded()).onOptionsChange.at(-1)!;
    expect(last.secureJsonFields).toEqual({ azureClientCertificate: false });
    expect(last.secureJsonData).toEqual({ azureClientCertificate: '' });
    await expect(editor.field(/^Client certificate/)).toBeEditable();
  });

  test('a new authority host asks for the client secret again', async ({ editor }) => {
    await editor.mount({ editor: 'config', options: { secureJsonFields: { azureClientSecret: true } } });
    await expect(editor.field(/^Client secret/)).toHaveValue('configured');
    await editor.field(/^Authority host/).fill('https://login.example.org');
    const last = (await editor.recorded()).onOptionsChange.at(-1)!;
    expect(last.jsonData.authorityHost).toBe('https://login.example.org');
    expect(last.secureJsonFields).toEqual({ azureClientSecret: false });
    expect(last.secureJsonData).toEqual({ azureClientSecret: '' });
    await expect(editor.field(/^Client secret/)).toBeEditable();
    await expect(editor.field(/^Client secret/)).toHaveValue('');
  });

  test('validates inline rules against the backend and lists the errors', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({
      editor: 'config',
      options: { jsonData: { source: 'demo' } },
      validateReply: {
        valid: false,
        errors: [{ file: 'customRules', row: 3, col: 5, message: 'rego_parse_error: unexpected assign token' }],
      },
    });
    await expect(editor.field('Authentication')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Validate' })).toBeDisabled();

    const rules = 'package signin.rules.custom\n\nfindings contains x if {\n    x := \n}';
    await editor.field('Inline rules').fill(rules);
    await page.getByRole('button', { name: 'Validate' }).click();

    await expect(page.getByRole('list', { name: 'Rule errors' })).toHaveText(
      '3:5 rego_parse_error: unexpected assign token'
    );
    const recorded = await editor.recorded();
    expect(recorded.backend).toEqual([
      { method: 'POST', url: '/api/datasources/uid/ds-uid/resources/rules/validate', data: { rules } },
    ]);
    expect(recorded.onOptionsChange.at(-1)!.jsonData).toEqual({ source: 'demo', customRules: rules });

    await editor.field(/^Rules folder/).fill('/etc/grafana/signin-rules');
    expect((await editor.recorded()).onOptionsChange.at(-1)!.jsonData.rulesPath).toBe('/etc/grafana/signin-rules');
    // Changing the rules forgets the result that no longer applies.
    await editor.field('Inline rules').press('End');
    await editor.field('Inline rules').pressSequentially(' ');
    await expect(page.getByRole('list', { name: 'Rule errors' })).toHaveCount(0);
  });

  test('edits the pattern thresholds as JSON and stores an object', async ({ editor }) => {
    const { page } = editor;
    await editor.mount({ editor: 'config', options: { jsonData: { source: 'demo' } } });
    const thresholds = editor.field(/^Thresholds \(JSON\)/);
    await expect(thresholds).toHaveAttribute('placeholder', '{"password-spray": {"minUsers": 10, "window": "30m"}}');
    await expect(thresholds).toHaveCSS('font-family', /mono/i);

    await thresholds.fill('{"password-spray": {"minUsers": 10, "window": "30m"}, "legacy-auth": {"enabled": false}}');
    expect((await editor.recorded()).onOptionsChange.at(-1)!.jsonData).toEqual({
      source: 'demo',
      patternThresholds: { 'password-spray': { minUsers: 10, window: '30m' }, 'legacy-auth': { enabled: false } },
    });

    const stored = (await editor.recorded()).onOptionsChange.length;
    await thresholds.press('End');
    await thresholds.pressSequentially(',');
    await expect(
      page.getByText(/^Not valid JSON: .*The last valid thresholds are kept until this is fixed\.$/)
    ).toBeVisible();
    expect((await editor.recorded()).onOptionsChange).toHaveLength(stored);
    await editor.screenshot('config-editor-thresholds');
  });

  test('looks like Grafana', async ({ editor }) => {
    await editor.mount({ editor: 'config', options: { secureJsonFields: { azureClientSecret: true } } });
    await expect(editor.page.getByRole('heading', { name: 'Azure credentials' })).toBeVisible();
    await editor.screenshot('config-editor');
  });
});
