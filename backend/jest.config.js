const { swcJestTransform, transformIgnorePatterns } = require('../shared/tools/jest-swc');

module.exports = {
  displayName: 'backend',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: swcJestTransform,
  transformIgnorePatterns,
  moduleNameMapper: {
    '^@bouquet/shared$': '<rootDir>/../shared/src/index.ts',
    '^@bouquet/testing$': '<rootDir>/../shared/testing/src/index.ts',
  },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  globalSetup: '<rootDir>/src/testing/global-setup.ts',
  globalTeardown: '<rootDir>/src/testing/global-teardown.ts',
  testTimeout: 60000,
};
