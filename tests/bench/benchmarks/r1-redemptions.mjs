// R1: redemptions/s through POST /v1/redemptions (32 connections, a distinct code per request),
// against pgbench running the same conditional UPDATE + INSERT on the same tables, 32 clients.
import fs from 'node:fs';
import path from 'node:path';
import { pgbench, WORK_DIR } from '../lib/common.mjs';
import { histogram, meanBetween } from '../lib/metrics.mjs';
import { describeCpu, withCpu } from '../lib/cpu.mjs';
import { describeStatuses, runLoad } from '../lib/load.mjs';
import { bestOfAlternating, fmt, fmtMs, roundsNote, fmtRatio } from '../lib/stats.mjs';
import { createPool, createWorld } from '../lib/world.mjs';

const CONNECTIONS = 32;

const PGBENCH_SCRIPT = `
\\set n :n + 1
\\set id :lo + (:n - 1) * :nclients + :client_id
BEGIN;
UPDATE coupon_codes
   SET redemption_count = redemption_count + 1,
       status = CASE WHEN redemption_count + 1 >= 1 THEN 'EXHAUSTED' ELSE status END
 WHERE id = :id AND redemption_count < 1;
INSERT INTO redemptions (pool_id, code_id, campaign_id, customer_id, order_id, order_amount, currency, discount, status)
VALUES (':pool', :id, ':campaign', 'pgbench-' || :client_id, 'pgbench-order-' || :id, 50.00, 'USD', 5.00, 'SUCCEEDED');
COMMIT;
`;

export default {
  id: 'R1',
  title: 'Redemptions via POST /v1/redemptions',
  goal: 'ratio >= 0.6, p95 < 20 ms',
  async run(ctx) {
    const forApp = ctx.quick ? 60_000 : 150_000;
    const forPgbench = ctx.quick ? 60_000 : 150_000;
    let pool = ctx.shared.codePool;
    if (!pool) {
      const world = await createWorld(ctx.api);
      const size = ctx.rounds * (forApp + forPgbench);
      pool = { world, poolId: (await createPool(world, { size, codePrefix: 'RA' })).id, size };
    }
    const { world, poolId } = pool;
    // As pgbench does for its own tables, before every round of either side: the tables written
    // (R3's million codes, the previous round's redemptions) are vacuumed and analyzed, so no round
    // pays for autovacuum catching up with another's writes; then a checkpoint, so none pays for
    // flushing the WAL another round (or R3) wrote.
    const settle = async () => {
      await ctx.db.query(`VACUUM (ANALYZE) coupon_codes, redemptions, idempotency_keys`);
      await ctx.db.query(`CHECKPOINT`);
    };
    const [{ campaign }] = await ctx.db.query(
      `SELECT campaign_id AS campaign FROM coupon_pools WHERE id = $1`,
      [poolId],
    );

    const appRound = async (round) => {
      await settle();
      const codes = await ctx.db.query(
        `SELECT code FROM coupon_codes WHERE pool_id = $1 AND redemption_count = 0 ORDER BY id LIMIT $2`,
        [poolId, forApp],
      );
      const file = path.join(WORK_DIR, 'r1-codes.txt');
      fs.writeFileSync(file, codes.map((c) => c.code).join('\n') + '\n');
      try {
        const before = await histogram(ctx, 'redemption_batch_size');
        const { result, cpu } = await withCpu(ctx, () =>
          runLoad('redeem', {
            urls: ctx.apiUrls,
            codesFile: file,
            key: world.checkoutKey,
            run: `r1-${round}-${Date.now()}`,
            connections: CONNECTIONS,
            seconds: ctx.seconds,
            warmupSeconds: ctx.warmupSeconds,
          }),
        );
        if (result.codesUsed >= result.codesAvailable)
          throw new Error(`ran out of codes (${result.codesAvailable})`);
        const perBatch = meanBetween(before, await histogram(ctx, 'redemption_batch_size'));
        return { ...result, cpu, perBatch };
      } finally {
        fs.rmSync(file, { force: true });
      }
    };
    // pgbench takes codes after every code used so far, one distinct code per transaction.
    const pgbenchRound = async () => {
      await settle();
      const [range] = await ctx.db.query(
        `SELECT min(id)::bigint AS lo, max(id)::bigint AS hi FROM coupon_codes
          WHERE pool_id = $1 AND id > (SELECT coalesce(max(code_id), 0) FROM redemptions WHERE pool_id = $1)`,
        [poolId],
      );
      const result = await pgbench(ctx.db.url, {
        script: PGBENCH_SCRIPT,
        clients: CONNECTIONS,
        seconds: ctx.seconds,
        vars: { n: 0, nclients: CONNECTIONS, lo: range.lo, pool: poolId, campaign },
      });
      if (Number(range.lo) + result.processed > Number(range.hi))
        throw new Error('pgbench ran past the codes of the pool');
      return { ...result, perSecond: result.tps };
    };
    const sides = await bestOfAlternating(ctx.rounds, [appRound, pgbenchRound], (r) => r.perSecond);
    const [app, base] = sides.map((side) => side.best);
    const [{ overused }] = await ctx.db.query(
      `SELECT count(*)::int AS overused FROM coupon_codes WHERE pool_id = $1 AND redemption_count > 1`,
      [poolId],
    );
    const ratio = app.perSecond / base.tps;
    const p95 = app.latency.p95;
    return {
      figure: `${fmt(app.perSecond)} redemptions/s`,
      baseline: `${fmt(base.tps)} tps (pgbench)`,
      ratioValue: ratio,
      ratio: fmtRatio(ratio),
      percentiles: `${fmtMs(app.latency.p50)} / ${fmtMs(p95)} / ${fmtMs(app.latency.p99)}`,
      met: ratio >= 0.6 && p95 < 20 && overused === 0,
      notes: [
        `${CONNECTIONS} connections for ${ctx.seconds} s after a ${ctx.warmupSeconds} s warm-up, ${roundsNote(ctx, sides, (r) => fmt(r.perSecond))}, each request a new code of one pool (10% off; the tables vacuumed and a checkpoint taken before every round of either side), its own Idempotency-Key and customer; answers ${describeStatuses(app.statuses)}; codes used more than once: ${overused}; ${app.perBatch.toFixed(1)} redemptions per write statement on average (docs/adr/0012). ${describeCpu(app.cpu, app.ok + app.warmupOk, 'redemption')} Load generator ${(app.loadCpuMs / app.ok).toFixed(2)} ms per redemption.` +
          ` Baseline: pgbench, ${CONNECTIONS} clients, one transaction = the conditional UPDATE of a distinct coupon_codes row + the INSERT into redemptions, on the same tables and indexes (latency average ${fmtMs(base.latencyMs)}).`,
      ],
    };
  },
};
