import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Client } from 'pg';
import { clearRedisPrefix } from '@bouquet/testing';
import { Database, freshDatabase } from '../support/deployment';
import { apiAt, ok } from '../support/api';
import { FAULT_TIMEOUT_MS, recordFigures, sizeFromEnv } from '../support/figures';
import {
  BACKEND_MAIN,
  BackendProcess,
  sqlClient,
  startBackend,
  stopBackend,
  waitFor,
} from '../support/processes';
import { signUp, unique } from '../support/world';

/** Codes in the pool: 200,000 in CI; RELIABILITY_CODES=1000000 for the full size. */
const SIZE = sizeFromEnv('RELIABILITY_CODES', 200_000, 1_000_000);
const PATTERN = '^KILL[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$';

/**
 * A worker dies (SIGKILL, no goodbye) in the middle of generating a pool's codes. Postgres is the
 * truth: every committed batch counts, the batch in flight rolls back whole, and a new worker
 * finishes the job with exactly `size` unique codes.
 */
describe('fault: a worker is killed with SIGKILL during code generation', () => {
  let db: Database;
  let sql: Client;
  const redisPrefix = `bqrk${randomBytes(3).toString('hex')}`;
  const processes: BackendProcess[] = [];
  const start = async (role: string) => {
    const p = await startBackend({ ROLE: role, DATABASE_URL: db.url, REDIS_PREFIX: redisPrefix });
    processes.push(p);
    return p;
  };

  beforeAll(async () => {
    if (!existsSync(BACKEND_MAIN))
      throw new Error(`${BACKEND_MAIN} is missing: run npm test (it builds the backend)`);
    db = await freshDatabase();
    sql = await sqlClient(db.url);
  });
  afterAll(async () => {
    await Promise.all(processes.map((p) => stopBackend(p, 'SIGKILL')));
    await sql?.end();
    await db?.drop();
    await clearRedisPrefix(redisPrefix);
  });

  it(
    `a new worker completes the pool with exactly ${SIZE.toLocaleString('en')} unique codes`,
    async () => {
      const api = apiAt((await start('api')).baseUrl);
      const doomed = await start('worker');
      const brand = await signUp(api, 'BRAND');
      const campaign = await ok(
        api.gql(
          `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
          {
            i: {
              brandId: brand.organizationId,
              name: unique('Kill '),
              brief: 'Worker killed mid-generation',
              objective: 'SALES',
              budget: { amount: '1000.00', currency: 'USD' },
            },
          },
          brand.accessToken,
        ),
      );
      const pool = await ok(
        api.gql(
          `mutation($i: CreateCouponPoolInput!) { createCouponPool(input: $i) { id } }`,
          {
            i: {
              campaignId: campaign.createCampaign.id,
              name: 'Killed halfway',
              discountType: 'PERCENT',
              discountValue: '10',
              codePrefix: 'KILL',
              codeLength: 10,
              size: SIZE,
            },
          },
          brand.accessToken,
        ),
      );
      const poolId = pool.createCouponPool.id as string;
      const state = async () =>
        (
          await sql.query<{ status: string; generated: number; rows: number }>(
            `SELECT generation_status AS status, generated_count AS generated,
                  (SELECT count(*)::int FROM coupon_codes WHERE pool_id = $1) AS rows
             FROM coupon_pools WHERE id = $1`,
            [poolId],
          )
        ).rows[0];

      // Kill once a quarter is committed and more is to come.
      await waitFor(
        'a quarter of the codes committed',
        async () => (await state()).generated >= SIZE / 4,
        60_000,
        10,
      );
      await stopBackend(doomed, 'SIGKILL');
      const atKill = await state();
      expect(atKill.status).toBe('RUNNING');
      expect(atKill.generated).toBeLessThan(SIZE);
      // The batch in flight rolled back whole: the counter equals the rows.
      expect(atKill.generated).toBe(atKill.rows);

      const rescuer = await start('worker');
      // BullMQ hands the dead worker's job on once its lock expires (stall detection, about 30 s).
      const resumedMs = await waitFor(
        'the new worker resuming the generation',
        async () => (await state()).generated > atKill.generated,
        120_000,
        250,
      );
      const finishedMs = await waitFor(
        'the new worker finishing the pool',
        async () => (await state()).status === 'DONE',
        120_000,
        250,
      );
      const [stats] = (
        await sql.query(
          `SELECT count(*)::int AS n, count(DISTINCT code)::int AS distinct_codes, bool_and(code ~ $2) AS shaped
           FROM coupon_codes WHERE pool_id = $1`,
          [poolId, PATTERN],
        )
      ).rows;
      expect(stats).toEqual({ n: SIZE, distinct_codes: SIZE, shaped: true });
      expect(await state()).toEqual({ status: 'DONE', generated: SIZE, rows: SIZE });
      // The rescuer is a healthy, ready worker.
      expect((await fetch(`${rescuer.baseUrl}/health/ready`)).status).toBe(200);
      recordFigures('fault-worker-kill', {
        size: SIZE,
        codesCommittedAtKill: atKill.generated,
        faultsInjected: 1,
        resumedAfterSeconds: Math.round(resumedMs / 100) / 10,
        finishedAfterResumeSeconds: Math.round(finishedMs / 100) / 10,
        codesLost: SIZE - stats.n,
        duplicateCodes: stats.n - stats.distinct_codes,
      });
    },
    FAULT_TIMEOUT_MS,
  );
});
