import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { clearRedisPrefix } from '@bouquet/testing';
import { Database, freshDatabase } from '../support/deployment';
import { Api, apiAt, HttpAnswer, ok } from '../support/api';
import { FAULT_TIMEOUT_MS, recordFigures, sizeFromEnv } from '../support/figures';
import { brokenInvariants, stuckInTransaction } from '../support/invariants';
import { inParallel, sleep } from '../support/load';
import { BackendProcess, sqlClient, startBackend, stopBackend, waitFor } from '../support/processes';
import { buildWorld, unique, World } from '../support/world';
import { roseGift } from '../support/events';

const OPERATIONS = sizeFromEnv('RELIABILITY_SIGTERM_OPERATIONS', 360, 3_600);
const POOLS = 6;
const POOL_SIZE = sizeFromEnv('RELIABILITY_SIGTERM_POOL_SIZE', 30_000, 200_000);

interface Hop {
  on: 'old' | 'new';
  started: number;
  ended: number;
  status?: number;
  error?: string;
}

/**
 * A rolling deploy: SIGTERM reaches an api process under load and a worker with jobs running.
 * In-flight requests finish with their real answer, new ones find the other replica (the client
 * retries a refused connection there with the same idempotency key), the worker finishes its
 * active jobs and hands the rest back, and nothing is lost or done twice.
 */
describe('fault: SIGTERM during load', () => {
  let db: Database;
  let sql: Client;
  let world: World;
  let env: Record<string, string>;
  let firstApi: BackendProcess;
  let firstWorker: BackendProcess;
  let replacement: BackendProcess;
  const redisPrefix = `bqrt${randomBytes(3).toString('hex')}`;
  const processes: BackendProcess[] = [];
  const start = async (role: string) => {
    const p = await startBackend({ ...env, ROLE: role });
    processes.push(p);
    return p;
  };

  beforeAll(async () => {
    db = await freshDatabase();
    sql = await sqlClient(db.url);
    env = { DATABASE_URL: db.url, REDIS_PREFIX: redisPrefix, LOGIN_MAX_ATTEMPTS: '1000' };
    firstApi = await start('api'); // migrates the fresh database before any worker runs
    firstWorker = await start('worker');
    world = await buildWorld(apiAt(firstApi.baseUrl), db.url);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => stopBackend(p, 'SIGKILL')));
    await sql?.end();
    await db?.drop();
    await clearRedisPrefix(redisPrefix);
  });

  it(
    'an api process drains its in-flight requests; clients move to the other replica; nothing lost or doubled',
    async () => {
      const old = firstApi;
      replacement = await start('api');
      const apis: Record<Hop['on'], Api> = { old: apiAt(old.baseUrl), new: apiAt(replacement.baseUrl) };
      let oldGone = false;
      let sigtermAt = Number.POSITIVE_INFINITY;
      let done = 0;

      /** A client behind a load balancer: a refused connection means "try the other replica". */
      const send = async (request: (api: Api) => Promise<HttpAnswer>) => {
        const hops: Hop[] = [];
        for (let attempt = 0; attempt < 20; attempt++) {
          const on: Hop['on'] = oldGone ? 'new' : 'old';
          const started = Date.now();
          try {
            const res = await request(apis[on]);
            hops.push({ on, started, ended: Date.now(), status: res.status });
            if (!(res.status === 503 && res.json?.error?.retryable)) return { res, hops };
          } catch (error) {
            hops.push({
              on,
              started,
              ended: Date.now(),
              error: String((error as { cause?: { code?: string } }).cause?.code ?? error),
            });
            if (on === 'old') oldGone = true;
          }
          await sleep(20);
        }
        return { hops };
      };

      const claim = (i: number) => () =>
        send((api) =>
          api.http(`/v1/drops/${world.dropId}/claims`, {
            method: 'POST',
            token: world.keys.creator.DROPS_CLAIM.secret,
            headers: { 'Idempotency-Key': `term-claim-${i}` },
            json: { viewerId: `term-viewer-${i}` },
          }),
        ).then((r) => ({ kind: 'claim', ...r }));
      const redeem = (i: number) => () =>
        send((api) =>
          api.http('/v1/redemptions', {
            method: 'POST',
            token: world.keys.brand.REDEMPTIONS_WRITE.secret,
            headers: { 'Idempotency-Key': `term-redeem-${i}` },
            json: {
              code: world.codes[i % world.codes.length],
              customerId: `term-customer-${i}`,
              orderId: `term-order-${i}`,
              orderAmount: { amount: '30.00', currency: 'USD' },
            },
          }),
        ).then((r) => ({ kind: 'redeem', ...r }));
      const events = (i: number) => () =>
        send((api) =>
          api.http('/v1/events', {
            method: 'POST',
            token: world.keys.creator.EVENTS_WRITE.secret,
            json: {
              events: Array.from({ length: 25 }, (_, k) =>
                roseGift(
                  `term-${i}-${k}`,
                  world.streamId,
                  new Date(Date.now() - k * 500),
                  `term-v-${k}`,
                  1 + (k % 2),
                ),
              ),
            },
          }),
        ).then((r) => ({ kind: 'events', ...r }));
      // A log-in hashes a password (slow on purpose): reliably in flight when SIGTERM lands.
      const logIn = () => () =>
        send((api) =>
          api.http('/graphql', {
            method: 'POST',
            json: {
              query: `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { user { id } } }`,
              variables: { e: world.viewer.email, p: world.viewer.password },
            },
          }),
        ).then((r) => ({ kind: 'logIn', ...r }));
      const makers = [claim, redeem, events, logIn];
      const tasks = Array.from({ length: OPERATIONS }, (_, i) => async () => {
        const r = await makers[i % makers.length](i)();
        done += 1;
        return r;
      });
      const deploy = (async () => {
        await waitFor('a third of the load', () => done >= OPERATIONS / 3, 120_000, 5);
        sigtermAt = Date.now();
        return stopBackend(old, 'SIGTERM');
      })();
      const [results, exitCode] = await Promise.all([inParallel(16, tasks), deploy]);

      expect(exitCode).toBe(0);
      const hops = results.flatMap((r) => r.hops);
      // Every request got its real answer in the end: nothing failed, nothing answered 5xx.
      expect(results.filter((r) => !r.res || r.res.status >= 300).map((r) => r.hops)).toEqual([]);
      expect(hops.filter((h) => h.status !== undefined && h.status >= 500)).toEqual([]);
      // Requests in flight on the old process when SIGTERM came were answered by it, in full.
      const drained = hops.filter(
        (h) => h.on === 'old' && h.started < sigtermAt && h.ended >= sigtermAt && h.status,
      );
      expect(drained.length).toBeGreaterThan(0);
      const refused = hops.filter((h) => h.error);
      expect(hops.filter((h) => h.on === 'new').length).toBeGreaterThan(0);

      // Exactly once, wherever it landed.
      const claimIds = results.filter((r) => r.kind === 'claim').map((r) => r.res?.json.id);
      const claimRows = await sql.query(
        `SELECT id FROM drop_claims WHERE idempotency_key LIKE 'term-claim-%'`,
      );
      expect(new Set(claimRows.rows.map((r) => r.id))).toEqual(new Set(claimIds));
      const redemptionRows = await sql.query(`SELECT id FROM redemptions WHERE order_id LIKE 'term-order-%'`);
      expect(new Set(redemptionRows.rows.map((r) => r.id))).toEqual(
        new Set(results.filter((r) => r.kind === 'redeem').map((r) => r.res?.json.id)),
      );
      const stored = await sql.query(
        `SELECT count(*)::int AS n FROM stream_events WHERE event_id LIKE 'term-%'`,
      );
      expect(stored.rows[0].n).toBe(results.filter((r) => r.kind === 'events').length * 25);
      expect(await brokenInvariants(sql)).toEqual([]);
      expect(await stuckInTransaction(sql, db.name)).toEqual([]);

      recordFigures('fault-sigterm-api', {
        operations: OPERATIONS,
        faultsInjected: 1,
        exitCode,
        drainedInFlight: drained.length,
        refusedConnectionsRetriedElsewhere: refused.length,
        answeredByReplacement: hops.filter((h) => h.on === 'new' && h.status).length,
        lostOrDoubled:
          Math.abs(claimRows.rows.length - claimIds.length) +
          Math.abs(redemptionRows.rows.length - results.filter((r) => r.kind === 'redeem').length),
      });
    },
    FAULT_TIMEOUT_MS,
  );

  it(
    'a worker finishes its active jobs on SIGTERM and hands the waiting ones back',
    async () => {
      const api = apiAt(replacement.baseUrl);
      const leaving = firstWorker;
      const staying = await start('worker');
      const poolIds: string[] = [];
      for (let i = 0; i < POOLS; i++) {
        const data = await ok(
          api.gql(
            `mutation($i: CreateCouponPoolInput!) { createCouponPool(input: $i) { id } }`,
            {
              i: {
                campaignId: world.campaignId,
                name: unique('Handed back '),
                discountType: 'PERCENT',
                discountValue: '5',
                codePrefix: `TERM${'ABCDEFGHJK'[i]}`,
                codeLength: 10,
                size: POOL_SIZE,
              },
            },
            world.brand.accessToken,
          ),
        );
        poolIds.push(data.createCouponPool.id);
      }
      const progress = async () =>
        (
          await sql.query<{ status: string; n: number }>(
            `SELECT generation_status AS status, count(*)::int AS n FROM coupon_pools WHERE id = ANY($1) GROUP BY 1`,
            [poolIds],
          )
        ).rows;
      await waitFor(
        'a generation running',
        async () => (await progress()).some((r) => r.status === 'RUNNING'),
        60_000,
        20,
      );
      const atSigterm = await progress();
      const exitCode = await stopBackend(leaving, 'SIGTERM');
      expect(exitCode).toBe(0);
      await waitFor(
        'every pool generated',
        async () => (await progress()).every((r) => r.status === 'DONE'),
        120_000,
        250,
      );
      const counts = await sql.query(
        `SELECT p.id, p.generated_count, (SELECT count(*)::int FROM coupon_codes k WHERE k.pool_id = p.id) AS n
         FROM coupon_pools p WHERE p.id = ANY($1)`,
        [poolIds],
      );
      expect(counts.rows.map((r) => [r.generated_count, r.n])).toEqual(
        poolIds.map(() => [POOL_SIZE, POOL_SIZE]),
      );
      expect((await fetch(`${staying.baseUrl}/health/ready`)).status).toBe(200);
      recordFigures('fault-sigterm-worker', {
        pools: POOLS,
        codesPerPool: POOL_SIZE,
        statusAtSigterm: atSigterm,
        exitCode,
        codesLost: POOLS * POOL_SIZE - counts.rows.reduce((s, r) => s + r.n, 0),
      });
    },
    FAULT_TIMEOUT_MS,
  );
});
