import { eventually, subscribe } from '@bouquet/testing';
import { createApiKey, signUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { dropWorld, DropWorld } from '../../drops/tests/drop-world';
import { gift, postEvents } from './ingest-helpers';
import { StreamTicks, streamTickTopic, TICK_INTERVAL_MS } from '../../analytics/stream-tick';
import { subscribedTo } from '../../testing/live';

describe('POST /v1/events', () => {
  let t: TestApp;
  let w: DropWorld;
  let key: string;
  const now = () => new Date();

  beforeAll(async () => {
    t = await startTestApp();
    w = await dropWorld(t);
    key = (await createApiKey(t, w.creator, ['EVENTS_WRITE'])).secret;
  });
  afterAll(() => t.close());

  const count = async (streamId: string) =>
    Number(
      (await t.dataSource.query(`SELECT count(*) FROM stream_events WHERE stream_id = $1`, [streamId]))[0]
        .count,
    );

  it('stores new events once: duplicates within and across batches are counted, not stored', async () => {
    const at = now();
    let res = await postEvents(t, key, {
      events: [
        gift(w.streamId, 'd-1', at, 5),
        gift(w.streamId, 'd-1', at, 5),
        gift(w.streamId, 'd-2', at, 3, 'Rose'),
      ],
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 1 });
    res = await postEvents(t, key, {
      events: [gift(w.streamId, 'd-2', at, 3), gift(w.streamId, 'd-3', at, 4, 'diamond')],
    });
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 1 });
    expect(await count(w.streamId)).toBe(3);
    // Roses only from gifts named rose (any case): 5 + 3.
    const [stream] = await t.dataSource.query(
      `SELECT gifted_roses::int AS roses FROM streams WHERE id = $1`,
      [w.streamId],
    );
    expect(stream.roses).toBe(8);
    const dirty = await t.dataSource.query(`SELECT 1 FROM rollup_dirty WHERE stream_id = $1`, [w.streamId]);
    const rolled = await t.dataSource.query(`SELECT 1 FROM stream_minute_rollups WHERE stream_id = $1`, [
      w.streamId,
    ]);
    expect(dirty.length + rolled.length).toBeGreaterThan(0);
  });

  it('stores each field as sent: occurredAt to the millisecond whatever its offset, type, stream, viewer, gift', async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 90_000 + 123);
    const local = new Date(at.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    const early = new Date(at.getTime() - 3 * 86400_000 - 1);
    const res = await postEvents(t, key, {
      events: [
        gift(w.streamId, 'ms-z', at, 2, 'Lion', 'v-"q"'),
        { ...gift(w.streamId, 'ms-local', at, 1), occurredAt: local.replace('.123', '.1239') },
        { eventId: 'ms-like', streamId: w.streamId, type: 'LIKE', occurredAt: early.toISOString() },
      ],
    });
    expect(res.status).toBe(202);
    const rows = await t.dataSource.query(
      `SELECT event_id, stream_id, type, occurred_at, viewer_id, gift_name, gift_count, coin_value, roses, coins::int
         FROM stream_events WHERE event_id IN ('ms-z', 'ms-local', 'ms-like') ORDER BY 1`,
    );
    expect(
      rows.map((r: { occurred_at: Date }) => ({ ...r, occurred_at: new Date(r.occurred_at).toISOString() })),
    ).toEqual([
      {
        event_id: 'ms-like',
        stream_id: w.streamId,
        type: 'LIKE',
        occurred_at: early.toISOString(),
        viewer_id: null,
        gift_name: null,
        gift_count: null,
        coin_value: null,
        roses: 0,
        coins: 0,
      },
      {
        event_id: 'ms-local',
        stream_id: w.streamId,
        type: 'GIFT',
        occurred_at: at.toISOString(),
        viewer_id: 'v-1',
        gift_name: 'rose',
        gift_count: 1,
        coin_value: 1,
        roses: 1,
        coins: 1,
      },
      {
        event_id: 'ms-z',
        stream_id: w.streamId,
        type: 'GIFT',
        occurred_at: at.toISOString(),
        viewer_id: 'v-"q"',
        gift_name: 'Lion',
        gift_count: 2,
        coin_value: 1,
        roses: 0,
        coins: 2,
      },
    ]);
  });

  it('refuses a batch with any invalid event, naming each bad index, and stores nothing', async () => {
    const before = await count(w.streamId);
    const at = now();
    const res = await postEvents(t, key, {
      events: [
        gift(w.streamId, 'bad-0', at, 1),
        {
          ...gift(w.streamId, 'bad-1', at, 1),
          occurredAt: new Date(Date.now() - 8 * 86400_000).toISOString(),
        },
        { ...gift(w.streamId, 'bad-2', at, 1), gift: { name: 'rose', count: 10_001, coinValue: 1 } },
        { eventId: 'bad-3', streamId: w.streamId, type: 'DANCE', occurredAt: at.toISOString() },
        { eventId: 'x'.repeat(129), streamId: w.streamId, type: 'LIKE', occurredAt: at.toISOString() },
        { eventId: 'bad-5', streamId: w.streamId, type: 'GIFT', occurredAt: at.toISOString() },
        {
          eventId: 'bad-6',
          streamId: w.streamId,
          type: 'LIKE',
          occurredAt: new Date(Date.now() + 10 * 60_000).toISOString(),
        },
      ],
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('BAD_USER_INPUT');
    expect(body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'events[1].occurredAt',
      'events[2].gift.count',
      'events[3].type',
      'events[4].eventId',
      'events[5].gift',
      'events[6].occurredAt',
    ]);
    expect(await count(w.streamId)).toBe(before);
    // The valid event's id was not consumed.
    const again = await postEvents(t, key, { events: [gift(w.streamId, 'bad-0', at, 1)] });
    expect(await again.json()).toEqual({ accepted: 1, duplicates: 0 });
  });

  it('refuses more than 1,000 events and an empty batch', async () => {
    const at = now();
    const many = Array.from({ length: 1001 }, (_, i) => gift(w.streamId, `m-${i}`, at, 1));
    expect((await postEvents(t, key, { events: many })).status).toBe(400);
    expect((await postEvents(t, key, { events: [] })).status).toBe(400);
    expect((await postEvents(t, key, { nope: 1 })).status).toBe(400);
  });

  it('answers 401 without a key, 403 without the EVENTS_WRITE scope', async () => {
    const body = { events: [gift(w.streamId, 'auth-1', now(), 1)] };
    expect((await postEvents(t, undefined, body)).status).toBe(401);
    expect((await postEvents(t, w.claimKey, body)).status).toBe(403);
    expect((await postEvents(t, w.creator.accessToken, body)).status).toBe(403);
  });

  it("matches our id or the stream's externalId, and refuses another creator's stream", async () => {
    await t.dataSource.query(`UPDATE streams SET external_id = 'ext-live-1' WHERE id = $1`, [w.streamId]);
    const res = await postEvents(t, key, { events: [gift('ext-live-1', 'ext-1', now(), 2)] });
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0 });
    const [row] = await t.dataSource.query(`SELECT stream_id FROM stream_events WHERE event_id = 'ext-1'`);
    expect(row.stream_id).toBe(w.streamId);

    const other = await signUp(t, 'CREATOR');
    const [otherCreator] = await t.dataSource.query(`SELECT id FROM creators WHERE organization_id = $1`, [
      other.organizationId,
    ]);
    const [otherStream] = await t.dataSource.query(
      `INSERT INTO streams (creator_id, title, scheduled_start_at, external_id) VALUES ($1, 'other', now(), 'ext-other') RETURNING id`,
      [otherCreator.id],
    );
    for (const ref of [otherStream.id, 'ext-other', 'no-such-stream']) {
      const refused = await postEvents(t, key, {
        events: [gift(w.streamId, `o-ok-${ref}`, now(), 1), gift(ref, `o-${ref}`, now(), 1)],
      });
      expect(refused.status).toBe(400);
      expect((await refused.json()).error.fields.map((f: { field: string }) => f.field)).toEqual([
        'events[1].streamId',
      ]);
    }
    expect(
      Number(
        (
          await t.dataSource.query(`SELECT count(*) FROM stream_events WHERE stream_id = $1`, [
            otherStream.id,
          ])
        )[0].count,
      ),
    ).toBe(0);
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const big = {
      events: [{ ...gift(w.streamId, 'big', now(), 1), viewerId: 'v', pad: 'x'.repeat(1_100_000) }],
    };
    expect((await postEvents(t, key, big)).status).toBe(413);
  });

  it('drives the stream lifecycle and ignores an already-applied transition', async () => {
    const s = await dropWorld(t, { live: false });
    const k = (await createApiKey(t, s.creator, ['EVENTS_WRITE'])).secret;
    const started = new Date(Date.now() - 60_000);
    const ev = (id: string, type: string, at: Date) => ({
      eventId: id,
      streamId: s.streamId,
      type,
      occurredAt: at.toISOString(),
    });
    expect(
      (
        await postEvents(t, k, {
          events: [ev('s1', 'STREAM_STARTED', started), ev('s2', 'STREAM_STARTED', started)],
        })
      ).status,
    ).toBe(202);
    let [row] = await t.dataSource.query(`SELECT status, started_at FROM streams WHERE id = $1`, [
      s.streamId,
    ]);
    expect(row.status).toBe('LIVE');
    expect(new Date(row.started_at).toISOString()).toBe(started.toISOString());
    const ended = new Date();
    expect((await postEvents(t, k, { events: [ev('s3', 'STREAM_ENDED', ended)] })).status).toBe(202);
    expect((await postEvents(t, k, { events: [ev('s4', 'STREAM_ENDED', ended)] })).status).toBe(202);
    [row] = await t.dataSource.query(`SELECT status FROM streams WHERE id = $1`, [s.streamId]);
    expect(row.status).toBe('ENDED');
  });

  it('opens a GIFT_MILESTONE drop when gifted roses reach it', async () => {
    const s = await dropWorld(t);
    const k = (await createApiKey(t, s.creator, ['EVENTS_WRITE'])).secret;
    const drop = await t.gql(
      `mutation($i: ScheduleDropInput!) { scheduleDrop(input: $i) { id status } }`,
      {
        i: {
          campaignId: s.campaignId,
          streamId: s.streamId,
          trigger: 'GIFT_MILESTONE',
          milestoneRoses: 10,
          roseCount: 5,
        },
      },
      s.brand.accessToken,
    );
    expect(drop.errors).toBeUndefined();
    await postEvents(t, k, { events: [gift(s.streamId, 'ms-1', now(), 6)] });
    let [d] = await t.dataSource.query(`SELECT status FROM drops WHERE id = $1`, [drop.data.scheduleDrop.id]);
    expect(d.status).toBe('SCHEDULED');
    const r2 = await postEvents(t, k, { events: [gift(s.streamId, 'ms-2', now(), 4)] });
    expect(await r2.json()).toEqual({ accepted: 1, duplicates: 0 });
    [d] = await t.dataSource.query(`SELECT status FROM drops WHERE id = $1`, [drop.data.scheduleDrop.id]);
    expect(d.status).toBe('OPEN');
  });

  it('publishes streamTick with the current minute, coalescing a burst, to allowed readers only', async () => {
    const SUB = `subscription($s: ID!) { streamTick(streamId: $s) { at giftedRoses viewers } }`;
    const live = subscribe(t.baseUrl, SUB, { s: w.streamId }, w.brand.accessToken);
    const stranger = await signUp(t, 'BRAND');
    const refused = subscribe(t.baseUrl, SUB, { s: w.streamId }, stranger.accessToken);
    try {
      await subscribedTo(t, streamTickTopic(w.streamId));
      // Stay inside one minute: the tick is the current minute's bucket.
      if (Date.now() % 60_000 > 50_000)
        await new Promise((r) => setTimeout(r, 60_500 - (Date.now() % 60_000)));
      const at = new Date();
      // A burst: five batches at once (one after another, each may take a tick's window on a
      // loaded host, and five ticks would be right).
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          postEvents(t, key, { events: [gift(w.streamId, `tick-${i}`, at, 1, 'rose', `tv-${i}`)] }),
        ),
      );
      // The first tick may have been scanned before the last batch: wait for the one that counts
      // all five, then give a tick still on its way the time to arrive before counting.
      await eventually(async () => live.received.some((r) => r.data?.streamTick.giftedRoses >= 5), 10_000);
      await new Promise((r) => setTimeout(r, 600));
      expect(live.received.length).toBeLessThan(5);
      const last = live.received[live.received.length - 1].data.streamTick;
      expect(last.at).toBe(new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString());
      expect(last.giftedRoses).toBeGreaterThanOrEqual(5);
      expect(refused.received.every((r) => !r.data?.streamTick)).toBe(true);
    } finally {
      await live.close();
      await refused.close();
    }
  });

  it('scans the current minute for streamTick only while someone subscribes', async () => {
    const ticks = t.app.get(StreamTicks);
    // The previous test's subscription to this stream unsubscribes after its socket closed.
    await subscribedTo(t, streamTickTopic(w.streamId), false);
    const scans = jest.spyOn(ticks, 'currentBucket');
    try {
      const at = new Date();
      await postEvents(t, key, { events: [gift(w.streamId, 'quiet-1', at, 1, 'rose', 'qv-1')] });
      await new Promise((r) => setTimeout(r, TICK_INTERVAL_MS * 3));
      expect(scans).not.toHaveBeenCalled();

      const SUB = `subscription($s: ID!) { streamTick(streamId: $s) { giftedRoses } }`;
      const live = subscribe(t.baseUrl, SUB, { s: w.streamId }, w.brand.accessToken);
      try {
        await subscribedTo(t, streamTickTopic(w.streamId));
        await postEvents(t, key, { events: [gift(w.streamId, 'quiet-2', new Date(), 1, 'rose', 'qv-2')] });
        await eventually(async () => live.received.length > 0, 10_000);
        expect(scans).toHaveBeenCalledWith(w.streamId);
      } finally {
        await live.close();
      }
    } finally {
      scans.mockRestore();
    }
  });

  it('stores events in daily partitions made ahead, and late ones in the DEFAULT partition', async () => {
    const day = (offset: number) => {
      const d = new Date(Date.now() + offset * 86400_000);
      return `stream_events_p${d.toISOString().slice(0, 10).replace(/-/g, '')}`;
    };
    const parts = (
      await t.dataSource.query(
        `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
          WHERE i.inhparent = 'stream_events'::regclass`,
      )
    ).map((r: { relname: string }) => r.relname);
    for (const offset of [0, 1, 7]) expect(parts).toContain(day(offset));
    expect(parts).toContain('stream_events_default');
    const res = await postEvents(t, key, {
      events: [
        gift(w.streamId, 'late-1', new Date(Date.now() - 6 * 86400_000), 1),
        gift(w.streamId, 'now-1', now(), 1),
      ],
    });
    expect(res.status).toBe(202);
    const rows = await t.dataSource.query(
      `SELECT event_id, tableoid::regclass::text AS part FROM stream_events WHERE event_id IN ('late-1', 'now-1') ORDER BY event_id`,
    );
    expect(rows).toEqual([
      { event_id: 'late-1', part: 'stream_events_default' },
      { event_id: 'now-1', part: day(0) },
    ]);
  });
});
