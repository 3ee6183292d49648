import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The test-support library (disposable Redis, subscription clients) never ships in the app.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts', 'src/**/tests/**', 'src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@bouquet/testing',
              message: 'Test support only: use it in specs, tests/ folders or src/testing.',
            },
          ],
        },
      ],
    },
  },
];
