// R4: claims/s on ONE open drop with 200 concurrent viewers (POST /v1/drops/{id}/claims), and
// over-claims (must be 0), against pgbench's single-row conditional UPDATE + INSERT: the sharded
// pool (docs/adr/0007) has to beat what one hot row allows.
import { freeConnections, pgbench } from '../lib/common.mjs';
import { histogram, meanBetween } from '../lib/metrics.mjs';
import { describeCpu, withCpu } from '../lib/cpu.mjs';
import { describeStatuses, runLoad } from '../lib/load.mjs';
import { bestOfAlternating, fmt, fmtMs, roundsNote, fmtRatio } from '../lib/stats.mjs';
import { createDrop, createStream, createWorld } from '../lib/world.mjs';

const VIEWERS = 200;

const SINGLE_ROW_SCRIPT = `
\\set n :n + 1
BEGIN;
UPDATE bench_single_pool SET remaining = remaining - 1 WHERE id = 1 AND remaining > 0;
INSERT INTO drop_claims (drop_id, viewer_id, n) VALUES (':drop', 'pgbench-' || :client_id || '-' || :n, 1)
ON CONFLICT DO NOTHING;
COMMIT;
`;

async function poolState(ctx, dropId) {
  const [row] = await ctx.db.query(
    `SELECT d.rose_count AS "roseCount", d.status,
            (SELECT count(*)::int FROM drop_claims c WHERE c.drop_id = d.id) AS claims,
            (SELECT coalesce(sum(remaining), 0)::int FROM drop_shards s WHERE s.drop_id = d.id) AS remaining,
            (SELECT count(*)::int FROM (SELECT viewer_id FROM drop_claims c WHERE c.drop_id = d.id
                                         GROUP BY viewer_id HAVING count(*) > d.per_viewer_limit) v) AS "overLimit"
       FROM drops d WHERE d.id = $1`,
    [dropId],
  );
  return row;
}

export default {
  id: 'R4',
  title: 'Claims on one drop, 200 concurrent viewers',
  goal: 'ratio >= 2.0 vs one row; 0 over-claims',
  async run(ctx) {
    const world = await createWorld(ctx.api);
    const streamId = await createStream(world);
    const claim = (dropId, extra) =>
      runLoad('claim', {
        urls: ctx.apiUrls,
        dropId,
        key: world.streamKey,
        run: `r4${Date.now()}`,
        connections: VIEWERS,
        ...extra,
      });

    // 1. Throughput: a pool larger than the runs can empty, against the single-row design
    //    (pgbench: one pool row, the same INSERT into drop_claims), in alternating rounds.
    const roseCount = 1_000_000;
    const bigDrop = await createDrop(world, streamId, { roseCount, open: true });
    const fkDrop = await createDrop(world, streamId, { roseCount: 10 });
    await ctx.db.query(`CREATE TABLE bench_single_pool (id int PRIMARY KEY, remaining int NOT NULL)`);
    await ctx.db.query(`INSERT INTO bench_single_pool VALUES (1, 1000000000)`);
    const clients = Math.min(VIEWERS, await freeConnections(ctx.db.url));
    const sides = await bestOfAlternating(
      ctx.rounds,
      [
        async () => {
          const before = await histogram(ctx, 'drop_claim_batch_size');
          const { result, cpu } = await withCpu(ctx, () =>
            claim(bigDrop, { seconds: ctx.seconds, warmupSeconds: ctx.warmupSeconds }),
          );
          const after = await histogram(ctx, 'drop_claim_batch_size');
          return { ...result, cpu, perBatch: meanBetween(before, after) };
        },
        async () => {
          const r = await pgbench(ctx.db.url, {
            script: SINGLE_ROW_SCRIPT,
            clients,
            seconds: ctx.seconds,
            vars: { n: 0, drop: fkDrop },
          });
          return { ...r, perSecond: r.tps };
        },
      ],
      (r) => r.perSecond,
    );
    await ctx.db.query(`DROP TABLE bench_single_pool`);
    const [app, base] = sides.map((side) => side.best);
    const big = await poolState(ctx, bigDrop);
    const bigOver = Math.max(0, big.claims + big.remaining - roseCount, big.overLimit);

    // 2. Exhaustion: 1.5x more claims than roses; exactly roseCount may succeed, the rest 410.
    const small = ctx.quick ? 1_000 : 3_000;
    const smallDrop = await createDrop(world, streamId, { roseCount: small, open: true });
    const burst = await claim(smallDrop, { amount: Math.round(small * 1.5) });
    const after = await poolState(ctx, smallDrop);
    const smallOver = Math.max(0, burst.ok - small, after.claims - small, after.overLimit);
    const overClaims = bigOver + smallOver;
    if (after.claims !== small || after.status !== 'COMPLETED')
      throw new Error(`exhausted drop: ${after.claims} claims of ${small}, status ${after.status}`);

    const ratio = app.perSecond / base.tps;
    return {
      figure: `${fmt(app.perSecond)} claims/s, ${overClaims} over-claims`,
      baseline: `${fmt(base.tps)} tps (pgbench, 1 row)`,
      ratioValue: ratio,
      ratio: `${fmtRatio(ratio)}x`,
      percentiles: `${fmtMs(app.latency.p50)} / ${fmtMs(app.latency.p95)} / ${fmtMs(app.latency.p99)}`,
      met: ratio >= 2 && overClaims === 0,
      notes: [
        `${VIEWERS} connections, a new viewer per request, on one OPEN drop of ${fmt(roseCount)} roses for ${ctx.seconds} s after a ${ctx.warmupSeconds} s warm-up, ${roundsNote(ctx, sides, (r) => fmt(r.perSecond))}: ${describeStatuses(app.statuses)}; afterwards claims + roses left = ${fmt(big.claims + big.remaining)} (pool ${fmt(roseCount)}); ${app.perBatch.toFixed(1)} claims per batch transaction on average (docs/adr/0009). ${describeCpu(app.cpu, app.ok + app.warmupOk, 'claim')}` +
          ` Exhaustion: ${fmt(Math.round(small * 1.5))} claims at ${VIEWERS} connections on a drop of ${fmt(small)} roses: ${describeStatuses(burst.statuses)}; ${after.claims} claim rows, drop ${after.status}.` +
          ` Baseline: pgbench with ${clients} clients${clients < VIEWERS ? ` (not ${VIEWERS}: the shared Postgres has max_connections for no more)` : ''}, one transaction = conditional UPDATE of the single pool row + INSERT into drop_claims (latency average ${fmtMs(base.latencyMs)}).`,
      ],
    };
  },
};
