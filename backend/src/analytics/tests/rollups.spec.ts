import { createApiKey } from '../../testing/factories';
import { createTestDatabase, TestDatabase } from '../../testing/test-database';
import { clearRedisPrefix } from '@bouquet/testing';
import { startTestApp, TestApp } from '../../testing/test-app';
import { dropWorld } from '../../drops/tests/drop-world';
import { gift, postEvents } from '../../ingest/tests/ingest-helpers';
import { RollupsService } from '../rollups.service';

const MIN = 60_000;

/**
 * Incremental rollups: an ingest batch queues a delta that the rollup adds to its bucket (no rescan
 * of the minute), `viewers` stays an exact distinct count, and a recompute (mark) absorbs exactly the
 * deltas its snapshot counts. An api-only app, so no worker races the steps below.
 */
describe('rollups', () => {
  let db: TestDatabase;
  let t: TestApp;
  let rollups: RollupsService;
  const prefix = `bqro${process.pid}${Date.now() % 100000}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp({ db, redisPrefix: prefix, env: { ROLE: 'api' } });
    rollups = t.app.get(RollupsService);
  });
  afterAll(async () => {
    await t.close();
    await db.drop();
    await clearRedisPrefix(prefix);
  });

  async function world() {
    const w = await dropWorld(t);
    const key = (await createApiKey(t, w.creator, ['EVENTS_WRITE'])).secret;
    const send = async (events: unknown[]) => {
      const res = await postEvents(t, key, { events });
      expect(res.status).toBe(202);
      return res.json();
    };
    return { streamId: w.streamId, send };
  }

  const bucket = async (streamId: string, minute: number) =>
    (
      await t.dataSource.query(
        `SELECT gifted_roses::int AS roses, coins::int AS coins, viewers FROM stream_minute_rollups
          WHERE stream_id = $1 AND minute = $2`,
        [streamId, new Date(minute)],
      )
    )[0] ?? null;
  const raw = async (streamId: string, minute: number) =>
    (
      await t.dataSource.query(
        `SELECT COALESCE(sum(roses), 0)::int AS roses, COALESCE(sum(coins), 0)::int AS coins,
                count(DISTINCT viewer_id)::int AS viewers
           FROM stream_events WHERE stream_id = $1 AND occurred_at >= $2 AND occurred_at < $3`,
        [streamId, new Date(minute), new Date(minute + MIN)],
      )
    )[0];
  const pending = async (streamId: string) =>
    (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM rollup_dirty WHERE stream_id = $1`, [streamId])
    )[0].n;
  const minuteAgo = (n: number) => Math.floor((Date.now() - n * MIN) / MIN) * MIN;

  it('adds each batch to its bucket and counts a viewer once per minute, across batches', async () => {
    const { streamId, send } = await world();
    const m = minuteAgo(5);
    await send([
      gift(streamId, 'a-1', new Date(m + 1000), 3, 'rose', 'v-1'),
      gift(streamId, 'a-2', new Date(m + 2000), 2, 'rose', 'v-2'),
      gift(streamId, 'a-3', new Date(m + 3000), 4, 'lion', 'v-1'),
    ]);
    expect(await pending(streamId)).toBe(1);
    expect(await rollups.processDirty(streamId)).toBe(1);
    expect(await bucket(streamId, m)).toEqual({ roses: 5, coins: 9, viewers: 2 });

    // v-2 again, v-3 new, and an event without a viewer: one more viewer.
    await send([
      gift(streamId, 'b-1', new Date(m + 4000), 1, 'rose', 'v-2'),
      gift(streamId, 'b-2', new Date(m + 5000), 1, 'rose', 'v-3'),
      { eventId: 'b-3', streamId, type: 'LIKE', occurredAt: new Date(m + 6000).toISOString() },
    ]);
    await rollups.processDirty(streamId);
    expect(await bucket(streamId, m)).toEqual({ roses: 7, coins: 11, viewers: 3 });
    expect(await bucket(streamId, m)).toEqual(await raw(streamId, m));
    // Nothing pending: a second run changes nothing.
    expect(await rollups.processDirty(streamId)).toBe(0);
    expect(await bucket(streamId, m)).toEqual({ roses: 7, coins: 11, viewers: 3 });
  });

  it('applies a delta without rescanning the minute; a mark recomputes it from the raw events', async () => {
    const { streamId, send } = await world();
    const m = minuteAgo(6);
    await send([gift(streamId, 'c-1', new Date(m + 1000), 2, 'rose', 'v-1')]);
    await rollups.processDirty(streamId);
    // A raw row written behind ingest's back (no delta): a delta run does not see it...
    await t.dataSource.query(
      `INSERT INTO stream_events (source, event_id, stream_id, type, occurred_at, viewer_id, gift_name, gift_count, coin_value, roses, coins)
       SELECT source, 'behind-1', stream_id, 'GIFT', occurred_at, 'v-9', 'rose', 10, 1, 10, 10
         FROM stream_events WHERE event_id = 'c-1'`,
    );
    await send([gift(streamId, 'c-2', new Date(m + 2000), 1, 'rose', 'v-2')]);
    await rollups.processDirty(streamId);
    expect(await bucket(streamId, m)).toEqual({ roses: 3, coins: 3, viewers: 2 });
    // ...a rebuild (mark) does, and later deltas add up on top of it with viewers still exact.
    await rollups.markStream(streamId);
    await rollups.processDirty(streamId);
    expect(await bucket(streamId, m)).toEqual({ roses: 13, coins: 13, viewers: 3 });
    await send([
      gift(streamId, 'c-3', new Date(m + 3000), 1, 'rose', 'v-9'),
      gift(streamId, 'c-4', new Date(m + 4000), 1, 'rose', 'v-4'),
    ]);
    await rollups.processDirty(streamId);
    expect(await bucket(streamId, m)).toEqual({ roses: 15, coins: 15, viewers: 4 });
    expect(await bucket(streamId, m)).toEqual(await raw(streamId, m));
  });

  it('a mark absorbs the pending deltas its recompute already counts: nothing counted twice', async () => {
    const { streamId, send } = await world();
    const m = minuteAgo(7);
    await send([
      gift(streamId, 'd-1', new Date(m + 1000), 5, 'rose', 'v-1'),
      gift(streamId, 'd-2', new Date(m + MIN + 1000), 7, 'rose', 'v-2'),
    ]);
    await rollups.markStream(streamId);
    // Two deltas (one per minute) and two marks wait; the marks' recompute covers both deltas.
    expect(await pending(streamId)).toBe(4);
    await rollups.processDirty(streamId);
    expect(await pending(streamId)).toBe(0);
    expect(await bucket(streamId, m)).toEqual({ roses: 5, coins: 5, viewers: 1 });
    expect(await bucket(streamId, m + MIN)).toEqual({ roses: 7, coins: 7, viewers: 1 });
    await send([gift(streamId, 'd-3', new Date(m + 2000), 1, 'rose', 'v-1')]);
    await rollups.processDirty(streamId);
    expect(await bucket(streamId, m)).toEqual({ roses: 6, coins: 6, viewers: 1 });
  });

  it('builds no viewer set on a rebuild; the first delta of such a minute recomputes it, exactly', async () => {
    const { streamId, send } = await world();
    const m = minuteAgo(8);
    await send([
      gift(streamId, 'e-1', new Date(m + 1000), 1, 'rose', 'v-1'),
      gift(streamId, 'e-2', new Date(m + 2000), 1, 'rose', 'v-2'),
    ]);
    await rollups.processDirty(streamId);
    const viewerRows = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM stream_minute_viewers WHERE stream_id = $1 AND minute = $2`,
          [streamId, new Date(m)],
        )
      )[0].n;
    expect(await viewerRows()).toBe(2);
    // A rebuild of a minute whose set is gone (pruned, or never built) does not build it...
    await t.dataSource.query(`DELETE FROM stream_minute_viewers WHERE stream_id = $1`, [streamId]);
    await t.dataSource.query(`UPDATE stream_minute_rollups SET viewer_set = false WHERE stream_id = $1`, [
      streamId,
    ]);
    await rollups.markStream(streamId);
    await rollups.processDirty(streamId);
    expect(await viewerRows()).toBe(0);
    expect(await bucket(streamId, m)).toEqual({ roses: 2, coins: 2, viewers: 2 });
    // ...a delta for it does: v-1 is not counted twice, v-3 is new.
    await send([
      gift(streamId, 'e-3', new Date(m + 3000), 1, 'rose', 'v-1'),
      gift(streamId, 'e-4', new Date(m + 4000), 1, 'rose', 'v-3'),
    ]);
    await rollups.processDirty(streamId);
    expect(await bucket(streamId, m)).toEqual({ roses: 4, coins: 4, viewers: 3 });
    expect(await viewerRows()).toBe(3);
    await send([gift(streamId, 'e-5', new Date(m + 5000), 1, 'rose', 'v-2')]);
    await rollups.processDirty(streamId);
    expect(await bucket(streamId, m)).toEqual({ roses: 5, coins: 5, viewers: 3 });
    expect(await bucket(streamId, m)).toEqual(await raw(streamId, m));
  });

  it('keeps buckets equal to the raw events when batches and rollup runs of a stream race', async () => {
    const { streamId, send } = await world();
    const base = minuteAgo(4);
    const runs: Promise<number>[] = [];
    await Promise.all(
      Array.from({ length: 10 }, async (_, b) => {
        await send(
          Array.from({ length: 100 }, (_, i) =>
            gift(
              streamId,
              `r-${b}-${i}`,
              new Date(base + (i % 3) * MIN + b),
              1 + (i % 4),
              'rose',
              `v-${(i * b) % 17}`,
            ),
          ),
        );
        runs.push(rollups.processDirty(streamId), rollups.processDirty());
      }),
    );
    await Promise.all(runs);
    await rollups.processDirty(streamId);
    expect(await pending(streamId)).toBe(0);
    for (let k = 0; k < 3; k++)
      expect(await bucket(streamId, base + k * MIN)).toEqual(await raw(streamId, base + k * MIN));
  });

  it('prunes the viewer sets of minutes too old to get events', async () => {
    const { streamId } = await world();
    const old = new Date(Date.now() - 9 * 24 * 3600_000);
    await t.dataSource.query(
      `INSERT INTO stream_minute_viewers (stream_id, minute, viewer_id) VALUES ($1, $2, 'old'), ($1, now(), 'new')`,
      [streamId, old],
    );
    await t.dataSource.query(
      `INSERT INTO stream_minute_rollups (stream_id, minute, viewers, viewer_set)
       VALUES ($1, $2, 1, true), ($1, date_trunc('minute', now()), 1, true)`,
      [streamId, old],
    );
    expect(await rollups.pruneViewerSets()).toBeGreaterThanOrEqual(1);
    const left = await t.dataSource.query(
      `SELECT viewer_id FROM stream_minute_viewers WHERE stream_id = $1`,
      [streamId],
    );
    expect(left).toEqual([{ viewer_id: 'new' }]);
    // A late delta for the pruned minute would be a recompute, not an addition to an empty set.
    const sets = await t.dataSource.query(
      `SELECT viewer_set FROM stream_minute_rollups WHERE stream_id = $1 ORDER BY minute`,
      [streamId],
    );
    expect(sets).toEqual([{ viewer_set: false }, { viewer_set: true }]);
  });
});
