/** Where the test services are: `npm test` exports these (see tests/tools/run-tests.mjs). */
export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The migrated template every test database is copied from; named per run so runs never meet. */
export function templateName(): string {
  const run = process.env.BQ_TEST_RUN;
  if (!run) throw new Error('BQ_TEST_RUN is not set: run tests through Jest with the backend global setup');
  return `bq_tpl_${run}`;
}
