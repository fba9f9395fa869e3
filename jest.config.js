// force timezone to UTC to allow tests to work regardless of local timezone
// generally used by snapshots, but can affect specific tests
process.env.TZ = 'UTC';

const baseConfig = require('./.config/jest.config');

module.exports = {
  // Jest configuration provided by Grafana scaffolding
  ...baseConfig,
  // Editor tests drive @grafana/ui comboboxes with userEvent; on a busy 2-core CI machine the first
  // test of a file, which also loads @grafana/ui, can pass Jest's default 5 s.
  testTimeout: 30000,
  transform: {
    ...baseConfig.transform,
    // Some dependencies of @grafana/ui ship only ES modules as .mjs (d3-color, for one).
    '^.+\\.mjs$': baseConfig.transform['^.+\\.(t|j)sx?$'],
  },
};
