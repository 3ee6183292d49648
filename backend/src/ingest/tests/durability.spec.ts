import { clearRedisPrefix, eventually } from '@bouquet/testing';
import { createTestDatabase, TestDatabase } from '../../testing/test-database';
import { createApiKey } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { WorkerRunner } from '../../platform/queue/worker-runner.service';
import { dropWorld } from '../../drops/tests/drop-world';
import { gift, postEvents } from './ingest-helpers';

/** Invariant 5: an event answered 202 is in Postgres; rollups catch up from it whenever a worker runs. */
describe('ingest durability without a worker', () => {
  let db: TestDatabase;
  let api: TestApp;
  let worker: TestApp | undefined;
  const prefix = `bqti${process.pid}${Date.now() % 100000}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApp({ db, redisPrefix: prefix, env: { ROLE: 'api' } });
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await db.drop();
    await clearRedisPrefix(prefix);
  });

  it('keeps accepted events while no worker runs; a worker started later rolls them up exactly', async () => {
    expect(api.app.get(WorkerRunner).workers).toHaveLength(0);
    const w = await dropWorld(api);
    const key = (await createApiKey(api, w.creator, ['EVENTS_WRITE'])).secret;
    const base = Date.now() - 20 * 60_000;
    let expectedRoses = 0;
    for (let b = 0; b < 5; b++) {
      const events = Array.from({ length: 200 }, (_, i) => {
        const n = b * 200 + i;
        const count = (n % 7) + 1;
        const name = n % 5 === 0 ? 'lion' : 'rose';
        if (name === 'rose') expectedRoses += count;
        return gift(
          w.streamId,
          `e-${n}`,
          new Date(base + (n % 15) * 60_000 + (n % 50) * 100),
          count,
          name,
          `v-${n % 37}`,
        );
      });
      // Resend the previous batch's tail: duplicates must not count twice.
      if (b > 0) events.push(gift(w.streamId, `e-${b * 200 - 1}`, new Date(base), 1));
      const res = await postEvents(api, key, { events });
      expect(res.status).toBe(202);
      expect((await res.json()).accepted).toBe(200);
    }
    const raw = async () =>
      (
        await api.dataSource.query(
          `SELECT date_trunc('minute', occurred_at) AS minute, sum(roses)::int AS roses, sum(coins)::int AS coins,
                  count(DISTINCT viewer_id)::int AS viewers
             FROM stream_events WHERE stream_id = $1 GROUP BY 1 ORDER BY 1`,
          [w.streamId],
        )
      ).map((r: { minute: Date; roses: number; coins: number; viewers: number }) => ({
        minute: new Date(r.minute).toISOString(),
        roses: r.roses,
        coins: r.coins,
        viewers: r.viewers,
      }));
    const rolled = async () =>
      (
        await api.dataSource.query(
          `SELECT minute, gifted_roses::int AS roses, coins::int AS coins, viewers
             FROM stream_minute_rollups WHERE stream_id = $1 ORDER BY minute`,
          [w.streamId],
        )
      ).map((r: { minute: Date; roses: number; coins: number; viewers: number }) => ({
        minute: new Date(r.minute).toISOString(),
        roses: r.roses,
        coins: r.coins,
        viewers: r.viewers,
      }));

    await new Promise((r) => setTimeout(r, 800));
    expect(await rolled()).toEqual([]);
    const [stream] = await api.dataSource.query(
      `SELECT gifted_roses::int AS roses FROM streams WHERE id = $1`,
      [w.streamId],
    );
    expect(stream.roses).toBe(expectedRoses);
    const expected = await raw();
    expect(expected.reduce((s: number, m: { roses: number }) => s + m.roses, 0)).toBe(expectedRoses);

    worker = await startTestApp({ db, redisPrefix: prefix, env: { ROLE: 'worker' } });
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const [{ n }] = await api.dataSource.query(`SELECT count(*)::int AS n FROM rollup_dirty`);
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await rolled()).toEqual(expected);
    // peak_viewers follows right after the rollup's commit.
    const peakWanted = Math.max(...expected.map((m: { viewers: number }) => m.viewers));
    await eventually(
      async () =>
        (await api.dataSource.query(`SELECT peak_viewers FROM streams WHERE id = $1`, [w.streamId]))[0]
          .peak_viewers === peakWanted,
      10_000,
    );
  });

  it('keeps rollups equal to the raw events while batches race the running worker', async () => {
    expect(worker).toBeDefined();
    const w = await dropWorld(api);
    const key = (await createApiKey(api, w.creator, ['EVENTS_WRITE'])).secret;
    const base = Date.now() - 3 * 60_000;
    const statuses = await Promise.all(
      Array.from({ length: 12 }, async (_, b) => {
        const events = Array.from({ length: 250 }, (_, i) =>
          gift(
            w.streamId,
            `r-${b}-${i}`,
            new Date(base + (i % 4) * 60_000 + b * 10),
            1 + (i % 3),
            'rose',
            `v-${i % 11}`,
          ),
        );
        // Every batch also repeats an id of batch 0: counted once whatever the race.
        events.push(gift(w.streamId, 'r-0-0', new Date(base), 1));
        return (await postEvents(api, key, { events })).status;
      }),
    );
    expect(statuses.every((s) => s === 202)).toBe(true);
    const deadline = Date.now() + 20_000;
    let rolled: { roses: number }[] = [];
    let raw: { roses: number }[] = [];
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      const [{ n }] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM rollup_dirty WHERE stream_id = $1`,
        [w.streamId],
      );
      if (n > 0) continue;
      raw = await api.dataSource.query(
        `SELECT date_trunc('minute', occurred_at) AS minute, sum(roses)::int AS roses, count(DISTINCT viewer_id)::int AS viewers
           FROM stream_events WHERE stream_id = $1 GROUP BY 1 ORDER BY 1`,
        [w.streamId],
      );
      rolled = await api.dataSource.query(
        `SELECT minute, gifted_roses::int AS roses, viewers FROM stream_minute_rollups WHERE stream_id = $1 ORDER BY minute`,
        [w.streamId],
      );
      break;
    }
    expect(rolled).toEqual(raw);
    const total = raw.reduce((sum, m) => sum + m.roses, 0);
    // 12 batches x 250 events of 1..3 roses (i % 3 + 1): 12 x (84 x 1 + 83 x 2 + 83 x 3).
    expect(total).toBe(12 * (84 * 1 + 83 * 2 + 83 * 3));
    const [stream] = await api.dataSource.query(
      `SELECT gifted_roses::int AS roses FROM streams WHERE id = $1`,
      [w.streamId],
    );
    expect(stream.roses).toBe(total);
  });
});
