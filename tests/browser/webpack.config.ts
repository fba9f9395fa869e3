// Bundles the browser-test harness (harness/index.tsx and the editors it mounts) into one script.
// Unlike the plugin build, nothing is external: there is no Grafana to provide React, @grafana/ui
// or @grafana/data, so they are bundled, at the versions package-lock.json pins.
import path from 'path';
import type { Configuration } from 'webpack';

const ROOT = path.resolve(__dirname, '..', '..');

export function harnessConfig(outDir: string, cacheDir: string): Configuration {
  return {
    mode: 'development',
    devtool: false,
    context: __dirname,
    entry: { harness: './harness/index.tsx' },
    output: { path: outDir, filename: '[name].js', clean: true },
    resolve: {
      extensions: ['.tsx', '.ts', '.mjs', '.js', '.json'],
      modules: [path.join(ROOT, 'src'), 'node_modules'],
    },
    cache: { type: 'filesystem', cacheDirectory: cacheDir },
    performance: { hints: false },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'swc-loader',
            options: {
              jsc: {
                target: 'es2020',
                parser: { syntax: 'typescript', tsx: true },
                transform: { react: { runtime: 'classic' } },
              },
            },
          },
        },
        // Some dependencies import ES modules without file extensions.
        { test: /\.m?js$/, resolve: { fullySpecified: false } },
        { test: /\.css$/, use: ['style-loader', 'css-loader'] },
        { test: /\.(png|jpe?g|gif|svg|woff2?|eot|ttf|otf)$/, type: 'asset/resource' },
      ],
    },
  };
}
