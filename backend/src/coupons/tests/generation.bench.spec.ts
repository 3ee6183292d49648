import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { DEFAULT_BATCH_SIZE, GenerateCodesService } from '../generation/generate-codes.service';
import { randomCodes } from '../generation/random-codes';
import { createCampaign } from './coupon-factories';

/**
 * Measures 1,000,000 codes through the generator next to a plain COPY of 1,000,000 random strings
 * into a table with a unique index, in the same run. Opt-in: COUPON_BENCH=1.
 */
(process.env.COUPON_BENCH === '1' ? describe : describe.skip)('coupon generation benchmark', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('1,000,000 codes: generator vs plain COPY', async () => {
    const brand = await signUp(t, 'BRAND');
    const campaignId = await createCampaign(t, brand);
    const [pool] = await t.dataSource.query(
      `INSERT INTO coupon_pools (campaign_id, name, discount_type, discount_value, code_prefix, code_length, size)
       VALUES ($1, 'bench', 'PERCENT', 10, 'BENCH', 10, 1000000) RETURNING id`,
      [campaignId],
    );
    const started = process.hrtime.bigint();
    const batchSize = Number(process.env.COUPON_BENCH_BATCH ?? DEFAULT_BATCH_SIZE);
    expect(await t.app.get(GenerateCodesService).generate(pool.id, { batchSize })).toBe('DONE');
    const generatorMs = Number(process.hrtime.bigint() - started) / 1e6;
    const [n] = await t.dataSource.query(`SELECT count(*)::int AS n FROM coupon_codes WHERE pool_id = $1`, [
      pool.id,
    ]);
    expect(n.n).toBe(1_000_000);

    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    try {
      const file = join(dir, 'codes.txt');
      const drawStart = process.hrtime.bigint();
      writeFileSync(file, randomCodes(1_000_000, 'COPY', 10).join('\n') + '\n');
      const drawMs = Number(process.hrtime.bigint() - drawStart) / 1e6;
      await t.dataSource.query(`CREATE TABLE bench_copy (code text NOT NULL UNIQUE)`);
      const copyStart = process.hrtime.bigint();
      execFileSync('psql', [
        t.db.url,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy bench_copy (code) FROM '${file}'`,
      ]);
      const copyMs = Number(process.hrtime.bigint() - copyStart) / 1e6;
      console.log(
        `1,000,000 codes: generator (batches of ${batchSize}) ${generatorMs.toFixed(0)} ms (${Math.round(1e6 / (generatorMs / 1000))} codes/s); ` +
          `plain COPY into a uniquely indexed table ${copyMs.toFixed(0)} ms (+ ${drawMs.toFixed(0)} ms to draw and write the file)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
