import { CODE_ALPHABET } from '@bouquet/shared';
import { signUp, SignedUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { CouponsProcessor } from '../generation/coupons.processor';
import { GenerateCodesService } from '../generation/generate-codes.service';
import { randomCodes } from '../generation/random-codes';
import { CouponIssuer } from '../pools/coupon-issuer.service';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { createCampaign, createPool, POOL, waitForGeneration } from './coupon-factories';

const ALPHABET = new Set(CODE_ALPHABET);

describe('coupon code generation', () => {
  let t: TestApp;
  let brand: SignedUp;
  let campaignId: string;

  beforeAll(async () => {
    t = await startTestApp();
    brand = await signUp(t, 'BRAND');
    campaignId = await createCampaign(t, brand);
  });
  afterAll(() => t.close());

  /** A pool row straight in the table, left PENDING (no job), to drive the generator by hand. */
  async function pendingPool(size: number, prefix = '', length = 8): Promise<string> {
    const [row] = await t.dataSource.query(
      `INSERT INTO coupon_pools (campaign_id, name, discount_type, discount_value, code_prefix, code_length, size)
       VALUES ($1, 'manual', 'PERCENT', 10, $2, $3, $4) RETURNING id`,
      [campaignId, prefix, length, size],
    );
    return row.id as string;
  }

  it('draws codes from the alphabet only, with the prefix and length asked for', () => {
    const codes = randomCodes(5000, 'AB', 12);
    const shape = /^AB[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{12}$/;
    expect(codes.filter((code) => !shape.test(code))).toEqual([]);
    expect([...codes.join('')].every((ch) => ALPHABET.has(ch) || ch === 'B')).toBe(true);
    // Every character of the alphabet shows up (no bias toward a subset).
    expect(new Set(codes.join('').slice(0)).size).toBeGreaterThanOrEqual(CODE_ALPHABET.length);
  });

  it('generates 100,000 unique codes through the queue: alphabet, prefix, exactly size', async () => {
    const started = Date.now();
    const { id } = await createPool(t, brand, campaignId, {
      size: 100_000,
      codePrefix: 'SPRING',
      codeLength: 8,
    });
    const ms = Date.now() - started;
    const [stats] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT code)::int AS distinct_codes,
              bool_and(code ~ '^SPRING[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$') AS shaped
         FROM coupon_codes WHERE pool_id = $1`,
      [id],
    );
    expect(stats).toEqual({ n: 100_000, distinct_codes: 100_000, shaped: true });
    const [pool] = await t.dataSource.query(
      `SELECT generated_count, generation_status FROM coupon_pools WHERE id = $1`,
      [id],
    );
    expect(pool).toEqual({ generated_count: 100_000, generation_status: 'DONE' });
    console.log(`100,000 codes generated through the queue in ${ms} ms`);
  });

  it('a generation stopped halfway completes with exactly size codes on a re-run', async () => {
    const generator = t.app.get(GenerateCodesService);
    const id = await pendingPool(50_000, 'HALF');
    // The worker "dies" after two batches of 10,000.
    expect(await generator.generate(id, { batchSize: 10_000, maxBatches: 2 })).toBe('RUNNING');
    const [mid] = await t.dataSource.query(
      `SELECT generated_count, generation_status, (SELECT count(*)::int FROM coupon_codes WHERE pool_id = $1) AS n
         FROM coupon_pools WHERE id = $1`,
      [id],
    );
    expect(mid).toEqual({ generated_count: 20_000, generation_status: 'RUNNING', n: 20_000 });
    // Two workers resume it at once (a retried job and the boot recovery): still exactly size.
    await Promise.all([
      generator.generate(id, { batchSize: 7_000 }),
      generator.generate(id, { batchSize: 9_000 }),
    ]);
    const [done] = await t.dataSource.query(
      `SELECT generated_count, generation_status, (SELECT count(*)::int FROM coupon_codes WHERE pool_id = $1) AS n
         FROM coupon_pools WHERE id = $1`,
      [id],
    );
    expect(done).toEqual({ generated_count: 50_000, generation_status: 'DONE', n: 50_000 });
    // Running a finished generation again changes nothing.
    expect(await generator.generate(id)).toBe('DONE');
  });

  it('a batch killed mid-transaction leaves no trace; the count always equals the rows', async () => {
    const id = await pendingPool(30_000, 'KILL');
    const generator = t.app.get(GenerateCodesService);
    await generator.generate(id, { batchSize: 10_000, maxBatches: 1 });
    // Kill the connection of a running batch: its inserted codes roll back with its count.
    const uow = t.app.get(UnitOfWork);
    await expect(
      uow.run(async () => {
        await uow.query(
          `INSERT INTO coupon_codes (pool_id, code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`,
          [id, randomCodes(5000, 'KILL', 8)],
        );
        await uow.query(`SELECT pg_terminate_backend(pg_backend_pid())`);
      }),
    ).rejects.toThrow();
    await generator.generate(id, { batchSize: 8_000 });
    const [done] = await t.dataSource.query(
      `SELECT generated_count, (SELECT count(*)::int FROM coupon_codes WHERE pool_id = $1) AS n FROM coupon_pools WHERE id = $1`,
      [id],
    );
    expect(done).toEqual({ generated_count: 30_000, n: 30_000 });
  });

  it('a worker restarted on the same database finishes unfinished generations at boot', async () => {
    const id = await pendingPool(12_345, 'BOOT');
    await t.dataSource.query(`UPDATE coupon_pools SET generation_status = 'RUNNING' WHERE id = $1`, [id]);
    const worker = await startTestApp({ db: t.db, env: { ROLE: 'worker' } });
    try {
      await waitForGeneration(worker, id);
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM coupon_codes WHERE pool_id = $1`,
        [id],
      );
      expect(row.n).toBe(12_345);
    } finally {
      await worker.close();
    }
  });

  it('issues each available code once to concurrent drop claims (SKIP LOCKED)', async () => {
    const { id, codes } = await createPool(t, brand, campaignId, { size: 60 });
    const issuer = t.app.get(CouponIssuer);
    const uow = t.app.get(UnitOfWork);
    const dropId = '00000000-0000-4000-8000-000000000001';
    const results = await Promise.all(
      Array.from({ length: 100 }, () => uow.run(() => issuer.issueOne(id, { dropId }))),
    );
    const issued = results.flatMap((r) => (r ? [r.code] : []));
    expect(issued).toHaveLength(60);
    expect(new Set(issued).size).toBe(60);
    expect(new Set(issued)).toEqual(new Set(codes));
    const pool = await t.gql(POOL, { id }, brand.accessToken);
    expect(pool.data.couponPool.issuedCount).toBe(60);
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM coupon_codes WHERE pool_id = $1 AND status = 'ISSUED' AND issued_drop_id = $2`,
      [id, dropId],
    );
    expect(row.n).toBe(60);
    // A claim that rolls back gives its code back.
    await t.dataSource.query(`UPDATE coupon_codes SET status = 'AVAILABLE' WHERE code = $1`, [codes[0]]);
    await expect(
      uow.run(async () => {
        expect(await issuer.issueOne(id)).toMatchObject({ code: codes[0] });
        throw new Error('claim failed');
      }),
    ).rejects.toThrow('claim failed');
    const [back] = await t.dataSource.query(`SELECT status FROM coupon_codes WHERE code = $1`, [codes[0]]);
    expect(back.status).toBe('AVAILABLE');
  });

  it('purges idempotency keys only once they are older than the retention', async () => {
    await t.dataSource.query(
      `INSERT INTO idempotency_keys (brand_id, key, request_hash, response, status_code, created_at)
       VALUES ($1, 'old', '\\x00', '{}', 201, now() - interval '49 hours'),
              ($1, 'day-old', '\\x00', '{}', 201, now() - interval '25 hours')`,
      [brand.organizationId],
    );
    expect(await t.app.get(CouponsProcessor).purgeIdempotencyKeys()).toBe(1);
    const rows = await t.dataSource.query(`SELECT key FROM idempotency_keys WHERE brand_id = $1`, [
      brand.organizationId,
    ]);
    expect(rows).toEqual([{ key: 'day-old' }]);
  });
});
