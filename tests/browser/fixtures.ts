// The browser tests' fixture: a page that serves the harness bundle (globalSetup's BUILD_DIR) under
// http://sigdiag.test/ and refuses every other request, so nothing leaves the machine.
import { expect, test as base, Locator, Page } from '@playwright/test';
import fs from 'fs';
import os from 'os';
import path from 'path';

import { BUILD_DIR } from './globalSetup';
import type { MountRequest, Recorded } from './harness/protocol';

const ORIGIN = 'http://sigdiag.test';
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};
// @grafana/ui's Icon loads its SVGs from Grafana's public/build/img/icons/; @grafana/ui ships them.
const GRAFANA_IMG = path.join(require.resolve('@grafana/ui/package.json'), '..', 'dist', 'public', 'img');
const ROUTES: Array<[string, string]> = [
  ['/public/build/img/', GRAFANA_IMG],
  ['/', BUILD_DIR],
];

// The file an URL of the harness's origin stands for, or undefined.
function fileFor(url: URL): string | undefined {
  if (url.origin !== ORIGIN) {
    return undefined;
  }
  const [prefix, dir] = ROUTES.find(([p]) => url.pathname.startsWith(p))!;
  const file = path.join(dir, path.normalize(url.pathname.slice(prefix.length)));
  const found = file.startsWith(dir) && fs.existsSync(file) && fs.statSync(file).isFile();
  return found ? file : undefined;
}

export interface Editor {
  page: Page;
  /** Mounts one editor, replacing the one before, and forgets what was recorded. */
  mount(request: MountRequest): Promise<void>;
  /** What the editor has called so far. */
  recorded(): Promise<Recorded>;
  /**
   * The control labelled exactly so; a Field's description and required mark join its label, so
   * match those with a regular expression.
   */
  field(label: string | RegExp): Locator;
  /** One option of a radio button group (its invisible input lies over the label and takes the clicks). */
  radio(group: string, option: string): Locator;
  /**
   * Types into a combobox one key at a time, each once the one before shows: @grafana/ui's
   * MultiCombobox drops keys that arrive faster than it renders (50126 can become 506).
   */
  typeKeys(input: Locator, text: string): Promise<void>;
  /**
   * Picks an option of the open combobox menu. The option is clicked once it has settled: clicked
   * the instant the menu opens, @grafana/ui's Combobox can report one pick up to three times.
   */
  pick(option: string | RegExp): Promise<void>;
  /** Saves a screenshot of the editor to the system's temporary folder and returns its path. */
  screenshot(name: string): Promise<string>;
}

export const test = base.extend<{ editor: Editor; pageErrors: string[] }>({
  pageErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
  editor: async ({ page, pageErrors }, use) => {
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      const file = fileFor(url);
      if (!file) {
        return url.origin === ORIGIN ? route.fulfill({ status: 404 }) : route.abort('blockedbyclient');
      }
      return route.fulfill({ body: fs.readFileSync(file), contentType: TYPES[path.extname(file)] });
    });
    await page.goto(`${ORIGIN}/index.html`);
    await page.waitForFunction(() => Boolean(window.sigdiag));
    await use({
      page,
      mount: async (request) => {
        await page.evaluate((r) => window.sigdiag.mount(r), request);
        await page.getByTestId(`${request.editor}-editor`).waitFor();
      },
      field: (label) => page.getByLabel(label, { exact: typeof label === 'string' }),
      radio: (group, option) =>
        page.getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true }),
      typeKeys: async (input, text) => {
        await input.click();
        for (let i = 0; i < text.length; i++) {
          await input.press(text[i]);
          await expect(input).toHaveValue(text.slice(0, i + 1));
        }
      },
      pick: async (option) => {
        const target = page.getByRole('option', { name: option });
        await target.click({ trial: true });
        await target.click();
      },
      recorded: () => page.evaluate(() => JSON.parse(JSON.stringify(window.sigdiag.recorded)) as Recorded),
      screenshot: async (name) => {
        const file = path.join(os.tmpdir(), `sigdiag-${name}.png`);
        await page.getByTestId(/-editor$/).screenshot({ path: file });
        return file;
      },
    });
    if (pageErrors.length > 0) {
      throw new Error(`the page threw: ${pageErrors.join('; ')}`);
    }
  },
});

export { expect };
