// @ts-check
const { defineConfig } = require('@playwright/test');

module.exports = defineConfig({
  testDir: './tests',
  // keep traces/error-context files out of the source tree
  outputDir: process.env.PW_OUTPUT_DIR || 'test-results',
  workers: 1,
  retries: 0,
  reporter: [['list'], ['junit', { outputFile: process.env.PW_JUNIT_FILE || 'results.xml' }]],
});
