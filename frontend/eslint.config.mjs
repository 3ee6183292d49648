import angular from 'angular-eslint';
import baseConfig from '../eslint.config.mjs';

export default [
  ...baseConfig,
  // graphql-codegen output (npx nx run frontend:codegen), checked for staleness instead.
  { ignores: ['src/app/core/graphql/generated.ts', 'src/**/*.generated.ts'] },
  ...angular.configs.tsRecommended.map((config) => ({ ...config, files: ['**/*.ts'] })),
  {
    files: ['**/*.ts'],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'app', style: 'camelCase' },
      ],
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'app', style: 'kebab-case' },
      ],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
    },
  },
  ...[...angular.configs.templateRecommended, ...angular.configs.templateAccessibility].map((config) => ({
    ...config,
    files: ['**/*.html'],
  })),
];
