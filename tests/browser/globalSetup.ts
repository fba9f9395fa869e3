// Builds the harness bundle once before the browser tests, with harness/index.html beside it.
import fs from 'fs';
import path from 'path';
import webpack from 'webpack';

import { harnessConfig } from './webpack.config';

// Under node_modules/.cache, which git, ESLint and Prettier all leave alone.
export const CACHE_DIR = path.join(__dirname, '..', '..', 'node_modules', '.cache', 'sigdiag-browser-tests');
export const BUILD_DIR = path.join(CACHE_DIR, 'www');

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const stats = await new Promise<webpack.Stats>((resolve, reject) => {
    webpack(harnessConfig(BUILD_DIR, path.join(CACHE_DIR, 'webpack')), (error, result) => {
      if (error || !result) {
        reject(error ?? new Error('webpack gave no result'));
      } else {
        resolve(result);
      }
    });
  });
  if (stats.hasErrors()) {
    throw new Error(`the harness does not build:\n${stats.toString({ all: false, errors: true })}`);
  }
  fs.copyFileSync(path.join(__dirname, 'harness', 'index.html'), path.join(BUILD_DIR, 'index.html'));
  console.log(`harness built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
