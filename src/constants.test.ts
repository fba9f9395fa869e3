import fs from 'fs';
import path from 'path';

import { PLUGIN_ID } from './constants';

describe('constants', () => {
  it('PLUGIN_ID is the id in the root plugin.json', () => {
    const pluginJson = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'plugin.json'), 'utf8'));
    expect(PLUGIN_ID).toBe(pluginJson.id);
  });
});
