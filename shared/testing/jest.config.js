const { swcJestTransform, transformIgnorePatterns } = require('../tools/jest-swc');

module.exports = {
  displayName: 'testing',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: swcJestTransform,
  transformIgnorePatterns,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testTimeout: 30000,
};
