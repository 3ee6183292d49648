/** The migrated template every test database is copied from; named per run so runs never meet. */
export function templateName(): string {
  const run = process.env.BQ_TEST_RUN;
  if (!run) throw new Error('BQ_TEST_RUN is not set: run tests through Jest with the backend global setup');
  return `bq_tpl_${run}`;
}
