const { swcJestTransform, transformIgnorePatterns } = require('../shared/tools/jest-swc');

/** Cross-app suites: infrastructure manifests now; API acceptance, browser, fault and load tests join here. */
module.exports = {
  displayName: 'tests',
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: swcJestTransform,
  transformIgnorePatterns: transformIgnorePatterns ?? ['/node_modules/'],
  moduleNameMapper: {
    '^@bouquet/shared$': '<rootDir>/../shared/src/index.ts',
    '^@bouquet/testing$': '<rootDir>/../shared/testing/src/index.ts',
  },
  testMatch: ['<rootDir>/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/artifacts/'],
  testTimeout: 60000,
};
