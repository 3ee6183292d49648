import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { eventually, freePort } from '@bouquet/testing';
import { createApiKey } from '../../testing/factories';
import { createTestDatabase, TestDatabase } from '../../testing/test-database';
import { startTestApp, TestApp } from '../../testing/test-app';
import { claim, dropWorld, DropWorld, openDrop, scheduleDrop } from '../../drops/tests/drop-world';
import { gift, postEvents } from '../../ingest/tests/ingest-helpers';

const REPORT = `query($c: ID!) { campaignReport(campaignId: $c) {
  campaign { id name }
  metrics { claims uniqueViewers giftedRoses rosesDropped spend { amount } }
  byDrop { drop { id } claims uniqueViewers }
  spikes { giftedRoses } } }`;
const TIMELINE = `query($s: ID!) { streamTimeline(streamId: $s, bucketSeconds: 60) { giftedRoses claims } }`;

/** What the replica streams from the primary, done by hand: every row of the primary, copied over. */
function replicate(from: TestDatabase, to: TestDatabase): void {
  const tables = execFileSync('psql', [
    to.url,
    '-Atc',
    `SELECT string_agg(format('%I', tablename), ', ') FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  ])
    .toString()
    .trim();
  execFileSync('psql', [to.url, '-v', 'ON_ERROR_STOP=1', '-qc', `TRUNCATE ${tables} CASCADE`]);
  const rows = execFileSync('pg_dump', [
    '--data-only',
    '--disable-triggers',
    '--exclude-table=migrations',
    from.url,
  ]);
  execFileSync('psql', [to.url, '-v', 'ON_ERROR_STOP=1', '-q'], {
    input: rows,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}

/**
 * DATABASE_READ_URL: the figures of reports and timelines are read from the replica, who may
 * read them is decided on the primary, and a replica that cannot be reached changes nothing
 * for the caller. The "replica" here is a second database that gets the primary's rows only
 * when the test copies them, so where each read went shows in the answers.
 */
describe('analytics on a read replica', () => {
  let replica: TestDatabase;
  let t: TestApp;
  let primaryOnly: TestApp;
  let w: DropWorld;

  beforeAll(async () => {
    replica = await createTestDatabase();
    t = await startTestApp({ env: { DATABASE_READ_URL: replica.url } });
    primaryOnly = await startTestApp({ db: t.db, redisPrefix: t.redisPrefix });
    w = await dropWorld(t);
    const dropId = (await scheduleDrop(t, w, { roseCount: 10 })).data.scheduleDrop.id;
    expect((await openDrop(t, w, dropId)).errors).toBeUndefined();
    // The replica has the campaign and its open drop; what follows reaches only the primary.
    replicate(t.db, replica);
    for (const viewer of ['v-a', 'v-b', 'v-c'])
      expect((await claim(t, w.claimKey, dropId, viewer)).status).toBe(201);
    const key = (await createApiKey(t, w.creator, ['EVENTS_WRITE'])).secret;
    const at = new Date();
    const events = [1, 2, 3, 4].map((i) => gift(w.streamId, `g-${i}`, at, 5, 'rose', `viewer-${i}`));
    expect((await postEvents(t, key, { events })).status).toBe(202);
    // Both rollups: the gifts' deltas and the claims' marks are separate jobs, in no set order.
    await eventually('the gifts and the claims to be rolled up on the primary', async () => {
      const [row] = await t.dataSource.query(
        `SELECT coalesce(sum(gifted_roses), 0)::int AS roses, coalesce(sum(claims), 0)::int AS claims
           FROM stream_minute_rollups WHERE stream_id = $1`,
        [w.streamId],
      );
      return row.roses === 20 && row.claims === 3;
    });
  });

  afterAll(async () => {
    await primaryOnly?.close();
    await t?.close();
    await replica?.drop();
  });

  const report = async (app: TestApp) => {
    const res = await app.gql(REPORT, { c: w.campaignId }, w.brand.accessToken);
    expect(res.errors).toBeUndefined();
    return res.data.campaignReport;
  };
  /** The app's `replica_reads_total`, by where the reads ran. */
  const servedBy = async (app: TestApp) => {
    const text = await (await app.http('/metrics')).text();
    const count = (where: string) =>
      Number(new RegExp(`^replica_reads_total\\{served_by="${where}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    return { replica: count('replica'), primary: count('primary') };
  };
  const timeline = async (app: TestApp) => {
    const res = await app.gql(TIMELINE, { s: w.streamId }, w.brand.accessToken);
    expect(res.errors).toBeUndefined();
    return res.data.streamTimeline;
  };

  it('reads the figures from the replica, and only once it has the rows do they match the primary', async () => {
    const onPrimary = await report(primaryOnly);
    expect(onPrimary.metrics).toMatchObject({
      claims: 3,
      uniqueViewers: 3,
      giftedRoses: 20,
      rosesDropped: 3,
    });
    expect(onPrimary.byDrop).toHaveLength(1);

    // The replica lags: it has the campaign and the drop, not the claims and gifts since.
    const lagging = await report(t);
    expect(lagging.campaign).toEqual(onPrimary.campaign);
    expect(lagging.metrics).toMatchObject({ claims: 0, uniqueViewers: 0, giftedRoses: 0, rosesDropped: 0 });
    expect(lagging.byDrop).toEqual([{ ...onPrimary.byDrop[0], claims: 0, uniqueViewers: 0 }]);
    const roses = (buckets: { giftedRoses: number }[]) => buckets.reduce((n, b) => n + b.giftedRoses, 0);
    expect(roses(await timeline(t))).toBe(0);

    replicate(t.db, replica);
    expect(await report(t)).toEqual(onPrimary);
    expect(await servedBy(t)).toEqual({ replica: expect.any(Number), primary: 0 });
    expect((await servedBy(t)).replica).toBeGreaterThan(0);
    expect(await timeline(t)).toEqual(await timeline(primaryOnly));
    expect(roses(await timeline(t))).toBe(20);
  });

  it('reports a campaign the replica does not have yet from the primary', async () => {
    const fresh = await dropWorld(t);
    const res = await t.gql(REPORT, { c: fresh.campaignId }, fresh.brand.accessToken);
    expect(res.errors).toBeUndefined();
    expect(res.data.campaignReport).toEqual(
      (await primaryOnly.gql(REPORT, { c: fresh.campaignId }, fresh.brand.accessToken)).data.campaignReport,
    );
  });

  it('decides access on the primary: a brand without access is refused even where the replica would answer', async () => {
    replicate(t.db, replica);
    const outsider = (await dropWorld(t)).brand;
    const res = await t.gql(REPORT, { c: w.campaignId }, outsider.accessToken);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // A campaign that exists only on the replica (deleted on the primary since) is not found either.
    const admin = new Client({ connectionString: replica.url });
    await admin.connect();
    try {
      const [row] = (
        await admin.query(
          `INSERT INTO campaigns (brand_id, name, brief, objective, status, currency, budget, rose_unit_price)
           SELECT brand_id, 'replica only', brief, objective, status, currency, budget, rose_unit_price
             FROM campaigns WHERE id = $1
           RETURNING id`,
          [w.campaignId],
        )
      ).rows;
      const ghost = await t.gql(REPORT, { c: row.id }, w.brand.accessToken);
      expect(ghost.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    } finally {
      await admin.end();
    }
  });

  it('answers from the primary when the replica cannot be reached, and starts without it', async () => {
    const port = await freePort();
    const down = await startTestApp({
      db: t.db,
      redisPrefix: t.redisPrefix,
      env: { DATABASE_READ_URL: `postgres://postgres@127.0.0.1:${port}/nowhere` },
    });
    try {
      expect((await down.http('/health/ready')).status).toBe(200);
      expect(await report(down)).toEqual(await report(primaryOnly));
      expect(await timeline(down)).toEqual(await timeline(primaryOnly));
      const served = await servedBy(down);
      expect(served.replica).toBe(0);
      expect(served.primary).toBeGreaterThan(0);
    } finally {
      await down.close();
    }
  });
});
