import { ApiScope } from '@bouquet/shared';
import { createApiKey } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { dropWorld, DropWorld } from '../../drops/tests/drop-world';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { IngestService } from '../ingest.service';
import { gift, postEvents } from './ingest-helpers';

/**
 * A batch of new ids takes the fast path (a plain insert of its ids); a batch holding an id
 * already stored, or stored meanwhile by a concurrent batch, fails that statement whole and runs
 * the form that skips duplicates. Either way each event is stored once and counted once.
 */
describe('ingest: duplicates across concurrent batches', () => {
  let t: TestApp;
  let w: DropWorld;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    w = await dropWorld(t);
    key = (await createApiKey(t, w.creator, ['EVENTS_WRITE'])).secret;
  });
  afterAll(() => t.close());

  const stored = async (prefix: string) =>
    (
      await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM stream_events WHERE event_id LIKE $1 || '%') AS events,
                (SELECT count(*)::int FROM stream_event_ids WHERE event_id LIKE $1 || '%') AS ids`,
        [prefix],
      )
    )[0] as { events: number; ids: number };
  const roses = async () =>
    Number(
      (await t.dataSource.query(`SELECT gifted_roses FROM streams WHERE id = $1`, [w.streamId]))[0]
        .gifted_roses,
    );
  /** Event `n` of a run: always the same id and the same roses, whichever batch carries it. */
  const event = (prefix: string, n: number, at: Date) => gift(w.streamId, `${prefix}-${n}`, at, (n % 4) + 1);
  const rosesOf = (ns: number[]) => ns.reduce((sum, n) => sum + (n % 4) + 1, 0);

  it('stores each id once when overlapping batches race, in any order, and counts the rest as duplicates', async () => {
    const prefix = `race${Date.now()}`;
    const at = new Date();
    const before = await roses();
    // 8 batches of 150 ids over 0..599: each overlaps its neighbours, half of them sent backwards.
    const batches = Array.from({ length: 8 }, (_, b) => {
      const ns = Array.from({ length: 150 }, (_, i) => (b * 60 + i) % 600);
      return b % 2 ? ns.reverse() : ns;
    });
    const answers = await Promise.all(
      batches.map(async (ns) => {
        const res = await postEvents(t, key, { events: ns.map((n) => event(prefix, n, at)) });
        return { status: res.status, body: (await res.json()) as { accepted: number; duplicates: number } };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(batches.map(() => 202));
    const distinct = new Set(batches.flat());
    expect(answers.reduce((n, a) => n + a.body.accepted, 0)).toBe(distinct.size);
    expect(answers.reduce((n, a) => n + a.body.duplicates, 0)).toBe(8 * 150 - distinct.size);
    expect(await stored(prefix)).toEqual({ events: distinct.size, ids: distinct.size });
    expect((await roses()) - before).toBe(rosesOf([...distinct]));

    // The same batches again: nothing new.
    const again = await Promise.all(
      batches.map(async (ns) =>
        (await postEvents(t, key, { events: ns.map((n) => event(prefix, n, at)) })).json(),
      ),
    );
    expect(again).toEqual(batches.map((ns) => ({ accepted: 0, duplicates: ns.length })));
    expect(await stored(prefix)).toEqual({ events: distinct.size, ids: distinct.size });
    expect((await roses()) - before).toBe(rosesOf([...distinct]));
  });

  it("inside a unit of work, joins the caller's transaction, with or without duplicates", async () => {
    const prefix = `uow${Date.now()}`;
    const at = new Date();
    await postEvents(t, key, { events: [event(prefix, 1, at), event(prefix, 2, at)] });
    const before = await roses();
    const [{ organization_id: organizationId }] = await t.dataSource.query(
      `SELECT organization_id FROM creators WHERE id = $1`,
      [w.creatorId],
    );
    const actor = {
      kind: 'apiKey' as const,
      keyId: 'spec',
      organizationId,
      scopes: new Set([ApiScope.EVENTS_WRITE]),
    };
    const ingest = (ns: number[]) =>
      t.app.get(IngestService).ingest(actor, { events: ns.map((n) => event(prefix, n, at)) });
    const uow = t.app.get(UnitOfWork);

    const result = await uow.run(async (manager) => {
      const answer = await ingest([1, 2, 3]);
      // A failed statement would have aborted the transaction: it still answers.
      await manager.query('SELECT 1');
      return answer;
    });
    expect(result).toEqual({ accepted: 1, duplicates: 2 });
    expect(await stored(prefix)).toEqual({ events: 3, ids: 3 });

    // New events only: rolled back with the caller's transaction, so they stay new.
    await expect(
      uow.run(async () => {
        expect(await ingest([10, 11])).toEqual({ accepted: 2, duplicates: 0 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await stored(prefix)).toEqual({ events: 3, ids: 3 });
    expect((await roses()) - before).toBe(rosesOf([3]));
  });
});
