import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { register } from 'tsconfig-paths';
import { databaseUrl, TEST_DATABASE_URL, templateName } from './test-env';

/** Creates this run's template database with every migration applied. */
export default async function globalSetup(): Promise<void> {
  // Global setup runs outside Jest's module mapper: resolve @bouquet/shared like the tests do.
  register({ baseUrl: join(__dirname, '../../..'), paths: { '@bouquet/shared': ['shared/src/index.ts'] } });
  const { migrate } = await import('../platform/database/migrate');
  process.env.BQ_TEST_RUN ??= `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${templateName()}`);
    await admin.query(`CREATE DATABASE ${templateName()}`);
  } finally {
    await admin.end();
  }
  await migrate(databaseUrl(templateName()));
}
