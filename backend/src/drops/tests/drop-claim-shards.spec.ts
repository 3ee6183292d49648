import type { QueryRunner } from 'typeorm';
import { eventually } from '@bouquet/testing';
import { startTestApp, TestApp } from '../../testing/test-app';
import { claim, dropWorld, DropWorld, openDrop, scheduleDrop } from './drop-world';

/**
 * A claim takes its rose from a shard no other claim holds (docs/adr/0007): claims in flight on
 * some shards never make a new claim wait while another shard has roses, and when every shard
 * with roses is held, the claim waits for one instead of failing.
 */
describe('drop claims over shards', () => {
  let t: TestApp;
  let w: DropWorld;
  let holder: QueryRunner;
  beforeAll(async () => {
    t = await startTestApp();
    w = await dropWorld(t);
  });
  beforeEach(async () => {
    holder = t.dataSource.createQueryRunner();
    await holder.connect();
  });
  afterEach(async () => {
    if (holder.isTransactionActive) await holder.rollbackTransaction();
    await holder.release();
  });
  afterAll(() => t.close());

  async function openDropOf(roseCount: number): Promise<string> {
    const id = (await scheduleDrop(t, w, { roseCount })).data.scheduleDrop.id;
    await openDrop(t, w, id);
    return id;
  }
  const shards = async (dropId: string) =>
    (await t.dataSource.query(`SELECT shard, remaining FROM drop_shards WHERE drop_id = $1 ORDER BY shard`, [
      dropId,
    ])) as { shard: number; remaining: number }[];

  it('takes the rose from the one shard nobody holds while the others are locked', async () => {
    const id = await openDropOf(32);
    expect(await shards(id)).toHaveLength(16);
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM drop_shards WHERE drop_id = $1 AND shard <> 7 FOR UPDATE`, [id]);

    const res = await claim(t, w.claimKey, id, 'viewer-free-shard');
    expect(res.status).toBe(201);
    await holder.rollbackTransaction();
    expect(await shards(id)).toEqual(
      Array.from({ length: 16 }, (_, shard) => ({ shard, remaining: shard === 7 ? 1 : 2 })),
    );
  });

  it('waits for a held shard when every shard with roses is held, and never over-claims', async () => {
    const id = await openDropOf(2);
    await holder.startTransaction();
    await holder.query(`SELECT 1 FROM drop_shards WHERE drop_id = $1 FOR UPDATE`, [id]);
    const pending = Promise.all(['a', 'b', 'c'].map((v) => claim(t, w.claimKey, id, `viewer-${v}`)));
    // All three are queued behind the held shards before they are let go.
    await eventually(
      async () =>
        (
          await t.dataSource.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%drop_shards%'`,
          )
        )[0].n === 3,
    );
    await holder.commitTransaction();

    const statuses = (await pending).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 410]);
    expect((await shards(id)).every((s) => s.remaining === 0)).toBe(true);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM drop_claims WHERE drop_id = $1`,
      [id],
    );
    expect(n).toBe(2);
  });
});
