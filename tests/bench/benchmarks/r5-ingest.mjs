// R5: GIFT events/s durably accepted by POST /v1/events in batches of 1,000, and the rollup lag
// (from a batch's 202 until the per-minute rollup counts it), against psql \copy of as many rows
// of the same events into a table like stream_events.
import fs from 'node:fs';
import path from 'node:path';
import { psql, sleep, WORK_DIR } from '../lib/common.mjs';
import { describeCpu, withCpu } from '../lib/cpu.mjs';
import { describeStatuses, runLoad } from '../lib/load.mjs';
import { fmt, fmtMs, summary, fmtRatio } from '../lib/stats.mjs';
import { createStream, createWorld } from '../lib/world.mjs';

const SENDERS = 4;
const BATCH = 1000;

/** Polls the rollups of `streamIds` every 100 ms; `stop()` resolves every snapshot taken. */
function pollRollups(ctx, streamIds) {
  const snapshots = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = await ctx.db.query(
        `SELECT stream_id, (extract(epoch FROM minute) * 1000)::bigint AS minute, gifted_roses::bigint AS roses
           FROM stream_minute_rollups WHERE stream_id = ANY($1)`,
        [streamIds],
      );
      const at = Date.now();
      snapshots.push({
        at,
        values: new Map(rows.map((r) => [`${r.stream_id}|${r.minute}`, Number(r.roses)])),
      });
      await sleep(100);
    }
  })();
  return {
    snapshots,
    stop: async () => {
      running = false;
      await loop;
      return snapshots;
    },
  };
}

/**
 * For each accepted batch: the first snapshot at which its (stream, minute) rollup reached the
 * roses of every batch acknowledged up to it, minus the moment of its 202. null when never.
 */
function lags(batches, snapshots) {
  const byKey = new Map();
  for (const b of [...batches].sort((x, y) => x.ackedAt - y.ackedAt)) {
    const key = `${b.streamId}|${b.minute}`;
    const list = byKey.get(key) ?? [];
    list.push(b);
    byKey.set(key, list);
  }
  const out = [];
  for (const [key, list] of byKey) {
    let cumulative = 0;
    let s = 0;
    for (const b of list) {
      cumulative += b.roses;
      while (
        s < snapshots.length &&
        (snapshots[s].at < b.ackedAt || (snapshots[s].values.get(key) ?? 0) < cumulative)
      )
        s++;
      out.push(s < snapshots.length ? snapshots[s].at - b.ackedAt : null);
    }
  }
  return out;
}

async function copyBaseline(ctx, n, source, streamIds) {
  const file = path.join(WORK_DIR, 'r5-events.csv');
  const out = fs.createWriteStream(file);
  const at = new Date().toISOString();
  for (let i = 0; i < n; i++) {
    const count = 1 + (i % 5);
    const line = `${source},copy-${i},${streamIds[i % streamIds.length]},GIFT,${at},viewer-${i % 5000},rose,${count},1,${count},${count}\n`;
    if (!out.write(line)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  try {
    await ctx.db.query(`CREATE TABLE bench_copy_events (LIKE stream_events INCLUDING DEFAULTS)`);
    await ctx.db.query(`CREATE INDEX ON bench_copy_events (stream_id, occurred_at)`);
    const { ms } = await psql(
      ctx.db.url,
      `\\copy bench_copy_events (source, event_id, stream_id, type, occurred_at, viewer_id, gift_name, gift_count, coin_value, roses, coins) FROM '${file}' WITH (FORMAT csv)`,
    );
    await ctx.db.query(`DROP TABLE bench_copy_events`);
    return ms;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

export default {
  id: 'R5',
  title: 'Gift events durably accepted, batches of 1,000',
  goal: 'ratio >= 0.3, lag p99 < 5 s',
  async run(ctx) {
    const world = await createWorld(ctx.api);
    const streamCount = ctx.quick ? 4 : 8;
    const streamIds = [];
    for (let i = 0; i < streamCount + 1; i++) streamIds.push(await createStream(world));
    const warmStream = streamIds.pop();
    const load = (ids, seconds) =>
      runLoad('events', {
        urls: ctx.apiUrls,
        streamIds: ids,
        key: world.streamKey,
        run: `r5${Date.now()}`,
        batchSize: BATCH,
        connections: SENDERS,
        seconds,
      });
    // Warm-up on a stream of its own, so its roses cannot blur the lag of the measured batches.
    await load([warmStream], ctx.warmupSeconds);

    const poller = pollRollups(ctx, streamIds);
    const { result: app, cpu } = await withCpu(ctx, () => load(streamIds, ctx.seconds));
    const accepted = app.batches.reduce((n, b) => n + b.accepted, 0);
    const expected = new Map();
    for (const b of app.batches)
      expected.set(`${b.streamId}|${b.minute}`, (expected.get(`${b.streamId}|${b.minute}`) ?? 0) + b.roses);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const last = poller.snapshots.at(-1);
      if (last && [...expected].every(([k, v]) => (last.values.get(k) ?? 0) >= v)) break;
      await sleep(200);
    }
    const snapshots = await poller.stop();
    const lagList = lags(app.batches, snapshots);
    const never = lagList.filter((l) => l === null).length;
    const lag = summary(lagList.map((l) => (l === null ? Infinity : l)));
    // Durable before 202: every event of every acknowledged batch is in Postgres.
    const stored = new Map(
      (
        await ctx.db.query(
          `SELECT split_part(event_id, '-', 2)::int AS b, count(*)::int AS n FROM stream_events
            WHERE stream_id = ANY($1) GROUP BY 1`,
          [streamIds],
        )
      ).map((r) => [r.b, r.n]),
    );
    const missing = app.batches.filter((b) => stored.get(b.b) !== b.accepted || b.accepted !== BATCH);
    if (missing.length) throw new Error(`${missing.length} batches answered 202 are not stored whole`);
    const perSecond = accepted / (app.durationMs / 1000);

    const copyMs = await copyBaseline(ctx, accepted, world.creator.organizationId, streamIds);
    const copyPerSecond = accepted / (copyMs / 1000);
    const ratio = perSecond / copyPerSecond;
    return {
      figure: `${fmt(perSecond)} events/s; lag p99 ${fmtMs(lag.p99)}`,
      baseline: `${fmt(copyPerSecond)} rows/s (\\copy)`,
      ratioValue: ratio,
      ratio: fmtRatio(ratio),
      percentiles: `lag ${fmtMs(lag.p50)} / ${fmtMs(lag.p95)} / ${fmtMs(lag.p99)}`,
      met: ratio >= 0.3 && lag.p99 < 5000 && never === 0,
      notes: [
        `${SENDERS} senders for ${ctx.seconds} s, ${streamCount} LIVE streams, each batch ${fmt(BATCH)} GIFT events (roses) of one stream and minute: ${describeStatuses(app.statuses)}, every event of every 202 found in stream_events; ${describeCpu(cpu, app.ok, 'batch of 1,000')} Batch latency p50/p95/p99 ${fmtMs(app.latency.p50)} / ${fmtMs(app.latency.p95)} / ${fmtMs(app.latency.p99)}.` +
          ` Lag: from a batch's 202 to the first 100 ms poll of stream_minute_rollups counting it (and every batch acknowledged before it)${never ? `; ${never} batches never rolled up within 60 s` : ''}.` +
          ` Baseline: psql \\copy of ${fmt(accepted)} rows of the same events into a table LIKE stream_events with its (stream_id, occurred_at) index, ${fmtMs(copyMs)}.`,
      ],
    };
  },
};
