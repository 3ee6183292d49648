const { createCjsPreset } = require('jest-preset-angular/presets');

/** Angular component tests: jsdom, zoneless TestBed (see src/test-setup.ts). */
module.exports = {
  ...createCjsPreset({ tsconfig: '<rootDir>/tsconfig.spec.json' }),
  displayName: 'frontend',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  moduleNameMapper: { '^@bouquet/shared$': '<rootDir>/../shared/src/index.ts' },
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
