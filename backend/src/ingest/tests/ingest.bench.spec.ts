import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { dropWorld } from '../../drops/tests/drop-world';
import { postEvents } from './ingest-helpers';

/**
 * Durable ingest throughput: 4 concurrent senders (one stream each) posting batches of 1,000 events
 * for ~10 s, next to a plain COPY of as many rows into a similar (indexed) table in the same run.
 * Opt-in: INGEST_BENCH=1.
 */
(process.env.INGEST_BENCH === '1' ? describe : describe.skip)('ingest benchmark', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('batches of 1,000 x 4 senders for 10 s vs plain COPY', async () => {
    const w = await dropWorld(t);
    const key = (await createApiKey(t, w.creator, ['EVENTS_WRITE'])).secret;
    const streams: string[] = [w.streamId];
    for (let i = 1; i < 4; i++) {
      const [s] = await t.dataSource.query(
        `INSERT INTO streams (creator_id, title, scheduled_start_at, status, started_at)
         VALUES ($1, 'bench', now(), 'LIVE', now()) RETURNING id`,
        [w.creatorId],
      );
      streams.push(s.id);
    }
    const types = ['GIFT', 'LIKE', 'COMMENT', 'VIEWER_JOINED'];
    const batch = (sender: number, n: number) => ({
      events: Array.from({ length: 1000 }, (_, i) => {
        const type = types[i % 4];
        return {
          eventId: `s${sender}-b${n}-${i}`,
          streamId: streams[sender],
          type,
          occurredAt: new Date(Date.now() - (i % 120) * 1000).toISOString(),
          viewerId: `viewer-${i % 500}`,
          ...(type === 'GIFT'
            ? { gift: { name: i % 8 === 0 ? 'lion' : 'rose', count: 1 + (i % 5), coinValue: 1 } }
            : {}),
        };
      }),
    });
    const durationMs = 10_000;
    const started = Date.now();
    let accepted = 0;
    let requests = 0;
    await Promise.all(
      [0, 1, 2, 3].map(async (sender) => {
        for (let n = 0; Date.now() - started < durationMs; n++) {
          const res = await postEvents(t, key, batch(sender, n));
          expect(res.status).toBe(202);
          accepted += (await res.json()).accepted;
          requests++;
        }
      }),
    );
    const ingestMs = Date.now() - started;
    const [{ stored }] = await t.dataSource.query(`SELECT count(*)::int AS stored FROM stream_events`);
    expect(stored).toBe(accepted);

    const dir = mkdtempSync(join(tmpdir(), 'ingest-bench-'));
    try {
      const file = join(dir, 'events.csv');
      const lines: string[] = [];
      const now = Date.now();
      for (let i = 0; i < accepted; i++)
        lines.push(
          [
            w.creatorId,
            `copy-${i}`,
            streams[i % 4],
            types[i % 4],
            new Date(now - (i % 120) * 1000).toISOString(),
            `viewer-${i % 500}`,
            i % 4 === 0 ? 'rose' : '',
            i % 4 === 0 ? 3 : '',
            i % 4 === 0 ? 1 : '',
            i % 4 === 0 ? 3 : 0,
            i % 4 === 0 ? 3 : 0,
          ].join(','),
        );
      writeFileSync(file, lines.join('\n') + '\n');
      await t.dataSource.query(`CREATE TABLE bench_copy (LIKE stream_events INCLUDING DEFAULTS)`);
      await t.dataSource.query(`CREATE INDEX ON bench_copy (stream_id, occurred_at)`);
      await t.dataSource.query(
        `CREATE TABLE bench_copy_ids (source uuid, event_id varchar(128), PRIMARY KEY (source, event_id))`,
      );
      const copyStart = Date.now();
      execFileSync('psql', [
        t.db.url,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy bench_copy (source, event_id, stream_id, type, occurred_at, viewer_id, gift_name, gift_count, coin_value, roses, coins) FROM '${file}' WITH (FORMAT csv)`,
      ]);
      const copyMs = Date.now() - copyStart;
      const idsStart = Date.now();
      await t.dataSource.query(`INSERT INTO bench_copy_ids SELECT source, event_id FROM bench_copy`);
      const idsMs = Date.now() - idsStart;
      console.log(
        `ingest: ${accepted} events in ${ingestMs} ms over ${requests} requests = ${Math.round(accepted / (ingestMs / 1000))} events/s durable (4 senders, batches of 1,000); ` +
          `plain COPY of ${accepted} rows into a similar indexed table ${copyMs} ms = ${Math.round(accepted / (copyMs / 1000))} rows/s ` +
          `(+ ${idsMs} ms to fill a dedupe key table from it)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
