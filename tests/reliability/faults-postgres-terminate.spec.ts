import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { clearRedisPrefix } from '@bouquet/testing';
import { Database, freshDatabase } from '../support/deployment';
import { Api, apiAt, GqlResult, HttpAnswer } from '../support/api';
import { FAULT_TIMEOUT_MS, recordFigures, sizeFromEnv } from '../support/figures';
import { brokenInvariants, stuckInTransaction } from '../support/invariants';
import { inParallel, withRetries } from '../support/load';
import {
  BackendProcess,
  explainingExits,
  sqlClient,
  startBackend,
  stopBackend,
  waitFor,
} from '../support/processes';
import { buildWorld, unique, World } from '../support/world';
import { roseGift } from '../support/events';

const POOL_SIZE = 5;
const OPERATIONS = sizeFromEnv('RELIABILITY_PG_OPERATIONS', 480, 4_800);
const TERMINATIONS = 4;

interface Result {
  kind: string;
  i: number;
  status?: number;
  id?: string;
  outcome?: string;
}

/** A REST answer a client may retry: 503 with `retryable: true` (the only acceptable failure here). */
const restVerdict = (res: HttpAnswer) =>
  res.status === 503 && res.json?.error?.retryable === true ? 'retry' : String(res.status);
const gqlRetryable = (res: GqlResult) =>
  res.errors?.[0]?.extensions?.code === 'INTERNAL_SERVER_ERROR' &&
  res.errors[0].extensions.retryable === true;

/**
 * Every Postgres connection of the api is terminated (pg_terminate_backend), several times, under
 * load. Each request either succeeds or fails with a retryable error, never half-applied; the api
 * recovers without a restart, leaves no session `idle in transaction`, and its pool fills again.
 */
describe('fault: Postgres terminates every api connection under load', () => {
  let db: Database;
  let sql: Client;
  let api: Api;
  let world: World;
  const redisPrefix = `bqrp${randomBytes(3).toString('hex')}`;
  const processes: BackendProcess[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    sql = await sqlClient(db.url);
    const env = { DATABASE_URL: db.url, REDIS_PREFIX: redisPrefix, DATABASE_POOL_SIZE: String(POOL_SIZE) };
    const apiProcess = await startBackend({ ...env, ROLE: 'api' });
    processes.push(apiProcess, await startBackend({ ...env, ROLE: 'worker' }));
    api = apiAt(apiProcess.baseUrl);
    world = await buildWorld(api, db.url);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => stopBackend(p, 'SIGKILL')));
    await sql?.end();
    await db?.drop();
    await clearRedisPrefix(redisPrefix);
  });

  const apiConnections = async (extra = '') =>
    (
      await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'bouquet-api' ${extra}`,
        [db.name],
      )
    ).rows[0].n;

  it(
    'answers success or a retryable error, applies nothing by halves, and recovers without a restart',
    async () => {
      const answers: Record<string, number> = {};
      const note = (label: string) => (answers[label] = (answers[label] ?? 0) + 1);
      let done = 0;

      // Idempotent operations are retried by their client with the same key; scheduleDrop has no key,
      // so its client does not retry: it must be all there or not at all.
      const claim = (i: number) => async (): Promise<Result> => {
        const r = await withRetries(
          () =>
            api.http(`/v1/drops/${world.dropId}/claims`, {
              method: 'POST',
              token: world.keys.creator.DROPS_CLAIM.secret,
              headers: { 'Idempotency-Key': `pg-claim-${i}` },
              json: { viewerId: `pg-viewer-${i}` },
            }),
          restVerdict,
        );
        r.trail.forEach((t) => note(`claim ${t}`));
        return { kind: 'claim', i, status: r.value?.status, id: r.value?.json?.id };
      };
      const redeem = (i: number) => async (): Promise<Result> => {
        const r = await withRetries(
          () =>
            api.http('/v1/redemptions', {
              method: 'POST',
              token: world.keys.brand.REDEMPTIONS_WRITE.secret,
              headers: { 'Idempotency-Key': `pg-redeem-${i}` },
              json: {
                code: world.codes[i % world.codes.length],
                customerId: `pg-customer-${i}`,
                orderId: `pg-order-${i}`,
                orderAmount: { amount: '20.00', currency: 'USD' },
              },
            }),
          restVerdict,
        );
        r.trail.forEach((t) => note(`redeem ${t}`));
        return { kind: 'redeem', i, status: r.value?.status, id: r.value?.json?.id };
      };
      const ingest = (i: number) => async (): Promise<Result> => {
        const r = await withRetries(
          () =>
            api.http('/v1/events', {
              method: 'POST',
              token: world.keys.creator.EVENTS_WRITE.secret,
              json: {
                events: Array.from({ length: 20 }, (_, k) =>
                  roseGift(
                    `pg-${i}-${k}`,
                    world.streamId,
                    new Date(Date.now() - k * 1000),
                    `pg-v-${k}`,
                    1 + (k % 4),
                  ),
                ),
              },
            }),
          restVerdict,
        );
        r.trail.forEach((t) => note(`events ${t}`));
        return { kind: 'events', i, status: r.value?.status };
      };
      const schedule = (i: number) => async (): Promise<Result> => {
        const res = await api.gql(
          `mutation($i: ScheduleDropInput!) { scheduleDrop(input: $i) { id } }`,
          {
            i: {
              campaignId: world.campaignId,
              streamId: world.streamId,
              trigger: 'MANUAL',
              roseCount: 3 + (i % 5),
            },
          },
          world.brand.accessToken,
        );
        const outcome = res.errors
          ? gqlRetryable(res)
            ? 'retryable'
            : `error ${JSON.stringify(res.errors[0])}`
          : 'ok';
        note(`scheduleDrop ${outcome}`);
        return { kind: 'scheduleDrop', i, status: res.errors ? 0 : 200, outcome };
      };
      const makers = [claim, redeem, ingest, schedule];
      const tasks = Array.from({ length: OPERATIONS }, (_, i) => {
        const task = makers[i % makers.length](i);
        return async () => {
          const r = await task();
          done += 1;
          return r;
        };
      });

      let loadFailed = false;
      const load = inParallel(16, tasks).catch((error: unknown) => {
        loadFailed = true;
        throw error;
      });
      const faults = (async () => {
        let terminated = 0;
        for (let k = 0; k < TERMINATIONS; k++) {
          await waitFor(
            'load to progress',
            () => loadFailed || done >= ((k + 1) * OPERATIONS) / (TERMINATIONS + 2),
            120_000,
            10,
          );
          if (loadFailed) break;
          const { rowCount } = await sql.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'bouquet-api'`,
            [db.name],
          );
          terminated += rowCount ?? 0;
        }
        return terminated;
      })();
      const [results, terminated] = await explainingExits(processes, Promise.all([load, faults]));

      // Nothing but a success or a retryable error (retried to success when the operation is idempotent).
      const unexpected = Object.keys(answers).filter((a) => !/ (retry|20[012]|ok|retryable)$/.test(a));
      expect(unexpected).toEqual([]);
      expect(results.filter((r) => r.kind !== 'scheduleDrop' && !(r.status && r.status < 300))).toEqual([]);
      expect(terminated).toBeGreaterThanOrEqual(TERMINATIONS);

      // Exactly once: every claim and redemption answered has one row; retries doubled nothing.
      const claimIds = results.filter((r) => r.kind === 'claim').map((r) => r.id);
      const claimRows = await sql.query(
        `SELECT id FROM drop_claims WHERE drop_id = $1 AND idempotency_key LIKE 'pg-claim-%'`,
        [world.dropId],
      );
      expect(new Set(claimRows.rows.map((r) => r.id))).toEqual(new Set(claimIds));
      const redemptionRows = await sql.query(`SELECT id FROM redemptions WHERE order_id LIKE 'pg-order-%'`);
      expect(new Set(redemptionRows.rows.map((r) => r.id))).toEqual(
        new Set(results.filter((r) => r.kind === 'redeem').map((r) => r.id)),
      );
      const events = await sql.query(
        `SELECT count(*)::int AS n FROM stream_events WHERE event_id LIKE 'pg-%'`,
      );
      expect(events.rows[0].n).toBe(results.filter((r) => r.kind === 'events').length * 20);
      // A scheduled drop exists with its reservation and its shards, or not at all.
      const halfDrops = await sql.query(
        `SELECT d.id FROM drops d
        WHERE d.campaign_id = $1
          AND ((SELECT count(*) FROM ledger_entries l WHERE l.ref_type = 'drop' AND l.ref_id = d.id::text AND l.kind = 'RESERVE') <> 1
            OR NOT EXISTS (SELECT 1 FROM drop_shards s WHERE s.drop_id = d.id))
       UNION ALL
       SELECT NULL FROM ledger_entries l WHERE l.campaign_id = $1 AND l.ref_type = 'drop'
          AND NOT EXISTS (SELECT 1 FROM drops d WHERE d.id::text = l.ref_id)`,
        [world.campaignId],
      );
      expect(halfDrops.rows).toEqual([]);
      expect(await brokenInvariants(sql)).toEqual([]);

      // Recovered without a restart: plain requests succeed, no session is left idle in a transaction...
      const after = await inParallel(
        8,
        Array.from(
          { length: 16 },
          (_, i) => () =>
            api
              .http(`/v1/drops/${world.dropId}/claims`, {
                method: 'POST',
                token: world.keys.creator.DROPS_CLAIM.secret,
                json: { viewerId: unique('after-') },
              })
              .then((r) => r.status + (i ? 0 : 0)),
        ),
      );
      expect(after).toEqual(after.map(() => 201));
      expect(await stuckInTransaction(sql, db.name)).toEqual([]);

      // ...and the pool fills to its size again: requests queue on a locked campaign row, each holding
      // one pooled connection, until every connection of the pool waits on the lock.
      const holder = await sqlClient(db.url);
      let poolRefilled = 0;
      try {
        await holder.query('BEGIN');
        await holder.query(`SELECT 1 FROM campaigns WHERE id = $1 FOR UPDATE`, [world.campaignId]);
        const blocked = Array.from({ length: POOL_SIZE + 3 }, (_, i) =>
          api.gql(
            `mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id } }`,
            { id: world.campaignId, i: { brief: `after the storm ${i}` } },
            world.brand.accessToken,
          ),
        );
        await waitFor(
          'every pooled connection to wait on the lock',
          async () => (await apiConnections(`AND wait_event_type = 'Lock'`)) === POOL_SIZE,
          30_000,
          50,
        );
        poolRefilled = await apiConnections();
        await holder.query('ROLLBACK');
        const updates = await Promise.all(blocked);
        expect(updates.filter((u) => u.errors)).toEqual([]);
      } finally {
        await holder.end();
      }
      expect(poolRefilled).toBe(POOL_SIZE);
      expect(await stuckInTransaction(sql, db.name)).toEqual([]);

      recordFigures('fault-postgres-terminate', {
        operations: OPERATIONS,
        terminationRounds: TERMINATIONS,
        connectionsTerminated: terminated,
        answers,
        poolSize: POOL_SIZE,
        poolRefilledTo: poolRefilled,
        idleInTransaction: 0,
        halfAppliedChanges: halfDrops.rows.length,
      });
    },
    FAULT_TIMEOUT_MS,
  );
});
