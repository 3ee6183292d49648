import './register-workspace-paths';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl, TEST_DATABASE_URL } from '@bouquet/testing';
import { templateName } from './test-env';

/** Creates this run's template database with every migration applied. */
export default async function globalSetup(): Promise<void> {
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
