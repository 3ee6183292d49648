import { signUp, SignedUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { PoolVanishedError, storeBatch } from '../generation/code-batch';
import { GenerateCodesService } from '../generation/generate-codes.service';
import { randomCodes } from '../generation/random-codes';
import { createCampaign } from './coupon-factories';

/**
 * A batch is one statement that stores its codes and counts them on the pool (R3): what it does
 * on a collision, an overshoot and a missing pool, and the per-statement pool check that replaced
 * the per-row foreign key of coupon_codes.pool_id.
 */
describe('coupon code batches', () => {
  let t: TestApp;
  let brand: SignedUp;
  let campaignId: string;
  let uow: UnitOfWork;

  beforeAll(async () => {
    t = await startTestApp();
    brand = await signUp(t, 'BRAND');
    campaignId = await createCampaign(t, brand);
    uow = t.app.get(UnitOfWork);
  });
  afterAll(() => t.close());

  async function pendingPool(size: number, prefix: string): Promise<string> {
    const [row] = await t.dataSource.query(
      `INSERT INTO coupon_pools (campaign_id, name, discount_type, discount_value, code_prefix, code_length, size)
       VALUES ($1, 'manual', 'PERCENT', 10, $2, 8, $3) RETURNING id`,
      [campaignId, prefix, size],
    );
    return row.id as string;
  }

  async function state(poolId: string): Promise<{ generated: number; rows: number }> {
    const [row] = await t.dataSource.query(
      `SELECT generated_count AS generated, (SELECT count(*)::int FROM coupon_codes WHERE pool_id = $1) AS rows
         FROM coupon_pools WHERE id = $1`,
      [poolId],
    );
    return row;
  }

  it('stores a batch and its count in one statement', async () => {
    const id = await pendingPool(100, 'ONE');
    expect(await storeBatch(uow, id, randomCodes(60, 'ONE', 8), false)).toEqual({
      kind: 'stored',
      inserted: 60,
    });
    expect(await state(id)).toEqual({ generated: 60, rows: 60 });
  });

  it('a colliding code stores nothing on the fast path; the tolerant path skips just that code', async () => {
    const id = await pendingPool(100, 'COL');
    const [first, ...rest] = randomCodes(10, 'COL', 8);
    await storeBatch(uow, id, [first], false);
    expect(await storeBatch(uow, id, [...rest, first], false)).toEqual({ kind: 'collision' });
    expect(await state(id)).toEqual({ generated: 1, rows: 1 });
    expect(await storeBatch(uow, id, [...rest, first], true)).toEqual({ kind: 'stored', inserted: 9 });
    expect(await state(id)).toEqual({ generated: 10, rows: 10 });
  });

  it('a batch that would take the pool past its size stores nothing', async () => {
    const id = await pendingPool(50, 'OVR');
    await storeBatch(uow, id, randomCodes(40, 'OVR', 8), false);
    expect(await storeBatch(uow, id, randomCodes(11, 'OVR', 8), false)).toEqual({ kind: 'overshoot' });
    expect(await storeBatch(uow, id, randomCodes(11, 'OVR', 8), true)).toEqual({ kind: 'overshoot' });
    expect(await state(id)).toEqual({ generated: 40, rows: 40 });
    expect(await storeBatch(uow, id, randomCodes(10, 'OVR', 8), false)).toMatchObject({ inserted: 10 });
  });

  it('a code needs an existing pool and never moves to another; deleting a pool deletes its codes', async () => {
    const missing = '00000000-0000-4000-8000-00000000dead';
    await expect(storeBatch(uow, missing, randomCodes(3, 'GONE', 8), false)).rejects.toBeInstanceOf(
      PoolVanishedError,
    );
    await expect(
      t.dataSource.query(`INSERT INTO coupon_codes (pool_id, code) VALUES ($1, 'ORPHAN234')`, [missing]),
    ).rejects.toMatchObject({ code: '23503', message: expect.stringContaining(missing) });

    const a = await pendingPool(10, 'MOVA');
    const b = await pendingPool(10, 'MOVB');
    await storeBatch(uow, a, randomCodes(5, 'MOVA', 8), false);
    await expect(
      t.dataSource.query(`UPDATE coupon_codes SET pool_id = $2 WHERE pool_id = $1`, [a, b]),
    ).rejects.toMatchObject({ code: '23503', message: expect.stringContaining('cannot move') });
    await t.dataSource.query(`DELETE FROM coupon_pools WHERE id = $1`, [a]);
    const [left] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM coupon_codes WHERE pool_id = $1`,
      [a],
    );
    expect(left.n).toBe(0);
  });

  it('many lanes and two concurrent runs still end with exactly size codes', async () => {
    const id = await pendingPool(20_000, 'LANE');
    const generator = t.app.get(GenerateCodesService);
    const runs = await Promise.all([
      generator.generate(id, { batchSize: 1_500, lanes: 4 }),
      generator.generate(id, { batchSize: 2_500, lanes: 3 }),
    ]);
    expect(runs).toContain('DONE');
    const [stats] = await t.dataSource.query(
      `SELECT count(*)::int AS n, count(DISTINCT code)::int AS d, p.generated_count AS generated, p.generation_status AS status
         FROM coupon_codes k JOIN coupon_pools p ON p.id = k.pool_id WHERE k.pool_id = $1
        GROUP BY p.generated_count, p.generation_status`,
      [id],
    );
    expect(stats).toEqual({ n: 20_000, d: 20_000, generated: 20_000, status: 'DONE' });
  });

  it('refuses to run inside a transaction (its batches are statements of their own)', async () => {
    const id = await pendingPool(10, 'TXN');
    await expect(uow.run(() => t.app.get(GenerateCodesService).generate(id))).rejects.toThrow(
      'must not run inside a transaction',
    );
  });
});
