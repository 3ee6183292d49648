import './register-workspace-paths';
import { Client } from 'pg';
import { TEST_DATABASE_URL } from '@bouquet/testing';

/** Drops this run's template and any test database a crashed test left behind. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.BQ_TEST_RUN;
  if (!run) return;
  const admin = new Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
      [`bq_tpl_${run}`, `bq_t_${run}_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
