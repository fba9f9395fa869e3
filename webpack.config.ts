/*
 * Extends the scaffolded webpack config (.config/webpack/webpack.config.ts, kept as create-plugin made it)
 * for this repository's layout:
 * - plugin.json lives at the repository root, where the Go build (Magefile) reads it too, not in src/;
 * - `npm run build` shares dist/ with the Go build and must not delete the files the Go build puts there.
 */
import CopyWebpackPlugin from 'copy-webpack-plugin';
import fs from 'fs';
import path from 'path';
import type { Configuration } from 'webpack';

import type { Env } from './.config/webpack/webpack.config.ts';

const ROOT_PLUGIN_JSON = path.resolve(process.cwd(), 'plugin.json');
const SCAFFOLD_PLUGIN_JSON = path.resolve(process.cwd(), 'src', 'plugin.json');

// dist/ entries written by the Go build: plugin binaries (gpx_*_<os>_<arch>), the build manifest, the Rego
// rules and the docs. webpack's `output.clean` removes everything it did not emit unless it matches this.
const GO_BUILD_OUTPUT =
  /^(gpx_|go_plugin_build_manifest|rules(\/|$)|README|LICENSE|CHANGELOG)|_(amd64|arm(64)?)(\.exe)?$/;

type PluginJson = {
  info?: { logos?: { small?: string; large?: string }; screenshots?: Array<{ path: string }> };
};

// Images named in plugin.json, relative to src/ (the webpack context), copied to the same path in dist/.
function imagePaths(): string[] {
  const pluginJson: PluginJson = JSON.parse(fs.readFileSync(ROOT_PLUGIN_JSON, 'utf8'));
  const logos = [pluginJson.info?.logos?.small, pluginJson.info?.logos?.large];
  const screenshots = pluginJson.info?.screenshots?.map((s) => s.path) ?? [];
  return Array.from(new Set([...logos, ...screenshots])).filter((p): p is string => Boolean(p));
}

// Replaces the scaffold's copy patterns, which expect src/plugin.json and fail when LICENSE or CHANGELOG.md
// are missing. The scaffold's ReplaceInFile plugin still fills %VERSION% and %TODAY% in dist/plugin.json.
function copyPlugin(): CopyWebpackPlugin {
  return new CopyWebpackPlugin({
    patterns: [
      { from: '../plugin.json', to: '.' },
      { from: '../README.md', to: '.', force: true, noErrorOnMissing: true },
      { from: '../LICENSE', to: '.', noErrorOnMissing: true },
      { from: '../CHANGELOG.md', to: '.', force: true, noErrorOnMissing: true },
      { from: '**/query_help.md', to: '.', noErrorOnMissing: true },
      ...imagePaths().map((image) => ({ from: image, to: image })),
    ],
  });
}

// The scaffold reads src/plugin.json (plugin id, public path, logos) while its modules load, so it is served
// the root plugin.json for the duration of that import and nothing else.
async function loadScaffoldConfig(env: Env): Promise<Configuration> {
  const readFileSync = fs.readFileSync;
  const redirected = (file: fs.PathOrFileDescriptor, ...rest: unknown[]) =>
    Reflect.apply(readFileSync, fs, [file === SCAFFOLD_PLUGIN_JSON ? ROOT_PLUGIN_JSON : file, ...rest]);
  fs.readFileSync = redirected as typeof fs.readFileSync;
  try {
    const { default: scaffoldConfig } = await import('./.config/webpack/webpack.config.ts');
    return await scaffoldConfig(env);
  } finally {
    fs.readFileSync = readFileSync;
  }
}

// Changes to this file must invalidate webpack's filesystem cache like changes to the scaffold's config do.
function withThisConfigAsBuildDependency(cache: Configuration['cache']): Configuration['cache'] {
  if (typeof cache !== 'object' || cache.type !== 'filesystem') {
    return cache;
  }
  const config = [...(cache.buildDependencies?.config ?? []), path.resolve(process.cwd(), 'webpack.config.ts')];
  return { ...cache, buildDependencies: { ...cache.buildDependencies, config } };
}

const config = async (env: Env): Promise<Configuration> => {
  const scaffold = await loadScaffoldConfig(env);
  const plugins = (scaffold.plugins ?? []).filter((plugin) => !(plugin instanceof CopyWebpackPlugin));
  return {
    ...scaffold,
    cache: withThisConfigAsBuildDependency(scaffold.cache),
    // The scaffold finds entries next to src/**/plugin.json; this plugin has one entry, src/module.ts.
    entry: { module: './module.ts' },
    output: { ...scaffold.output, clean: { keep: GO_BUILD_OUTPUT } },
    plugins: [...plugins, copyPlugin()],
  };
};

export default config;
