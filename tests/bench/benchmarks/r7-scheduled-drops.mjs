// R7: how late SCHEDULED drops open (opened_at - scheduled_at), scheduled through the API in
// bursts (several drops due at the same instant) on LIVE streams; opened by the worker's delayed
// jobs. No baseline: 0 is the limit.
import { mapLimit } from '../lib/client.mjs';
import { sleep } from '../lib/common.mjs';
import { fmt, fmtMs, summary } from '../lib/stats.mjs';
import { createDrop, createStream, createWorld } from '../lib/world.mjs';

export default {
  id: 'R7',
  title: 'Lateness of scheduled drop openings',
  goal: 'p99 < 500 ms',
  async run(ctx) {
    const bursts = ctx.quick ? 6 : 15;
    const perBurst = ctx.quick ? 5 : 10;
    const world = await createWorld(ctx.api);
    const streams = await Promise.all([createStream(world), createStream(world)]);
    // Leave time to schedule every drop before the first one is due.
    const first = Date.now() + 4_000 + bursts * perBurst * 40;
    const plan = [];
    for (let b = 0; b < bursts; b++)
      for (let i = 0; i < perBurst; i++)
        plan.push({ at: new Date(first + b * 1_000), stream: streams[(b + i) % 2] });
    const ids = await mapLimit(plan, 4, (p) =>
      createDrop(world, p.stream, {
        trigger: 'SCHEDULED',
        scheduledAt: p.at.toISOString(),
        roseCount: 10,
        claimWindowSeconds: 3600,
      }),
    );
    if (Date.now() > first)
      throw new Error('scheduling took longer than planned: the first drops were already due');
    const last = first + (bursts - 1) * 1_000;
    let rows = [];
    while (Date.now() < last + 30_000) {
      await sleep(500);
      rows = await ctx.db.query(
        `SELECT id, status, extract(epoch FROM (opened_at - scheduled_at)) * 1000 AS late FROM drops WHERE id = ANY($1)`,
        [ids],
      );
      if (Date.now() > last && rows.every((r) => r.status !== 'SCHEDULED')) break;
    }
    const notOpen = rows.filter((r) => r.status !== 'OPEN');
    if (notOpen.length)
      throw new Error(`${notOpen.length} of ${ids.length} drops did not open (${notOpen[0].status})`);
    const lateness = rows.map((r) => Number(r.late));
    const s = summary(lateness);
    return {
      figure: `p99 ${fmtMs(s.p99)} late`,
      baseline: 'none (0 is the limit)',
      ratio: '-',
      percentiles: `${fmtMs(s.p50)} / ${fmtMs(s.p95)} / ${fmtMs(s.p99)}`,
      met: s.p99 < 500,
      notes: [
        `${fmt(ids.length)} SCHEDULED drops on 2 LIVE streams, ${bursts} bursts of ${perBurst} due at the same instant, one second apart; lateness = opened_at (Postgres) - scheduledAt; earliest ${fmtMs(Math.min(...lateness))}, max ${fmtMs(s.max)}.`,
      ],
    };
  },
};
