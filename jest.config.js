/** Every Jest project of the workspace; `npm test` runs them all. */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

module.exports = {
  projects: ['shared', 'backend', 'frontend', 'tests']
    .map((dir) => join(__dirname, dir, 'jest.config.js'))
    .filter((file) => existsSync(file)),
};
