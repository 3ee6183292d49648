const { swcJestTransform } = require('./tools/jest-swc');

module.exports = {
  displayName: 'shared',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: swcJestTransform,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
