import { join } from 'node:path';
import { register } from 'tsconfig-paths';

// Jest's global setup and teardown run outside its module mapper: imported first, this resolves the
// workspace libraries for them as the tests resolve them.
register({
  baseUrl: join(__dirname, '../../..'),
  paths: {
    '@bouquet/shared': ['shared/src/index.ts'],
    '@bouquet/testing': ['shared/testing/src/index.ts'],
  },
});
