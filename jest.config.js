/** Every Jest project of the workspace; `npm test` runs them all. */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

module.exports = {
  // Global options (Jest ignores them inside projects): concurrency and outage tests need time.
  testTimeout: 120000,
  projects: ['shared', 'shared/testing', 'backend', 'frontend', 'tests']
    .map((dir) => join(__dirname, dir, 'jest.config.js'))
    .filter((file) => existsSync(file)),
};
