// R2: requests/s of a trivial GraphQL query against a bare route of the same framework.
import path from 'node:path';
import { freePort, waitReady } from '../lib/backend.mjs';
import { BENCH_DIR, spawnKeepingOutput, stopChild } from '../lib/common.mjs';
import { describeCpu, withCpu } from '../lib/cpu.mjs';
import { describeStatuses, runLoad } from '../lib/load.mjs';
import { bestOfAlternating, fmt, fmtMs, roundsNote, fmtRatio } from '../lib/stats.mjs';

const QUERY = JSON.stringify({ query: '{ apiVersion }' });
const CONNECTIONS = 32;

export default {
  id: 'R2',
  title: 'GraphQL trivial query',
  goal: 'ratio >= 0.5',
  async run(ctx) {
    const expected = await ctx.api.http('/graphql', { json: { query: '{ apiVersion }' } });
    if (expected.status !== 200 || !expected.body?.data?.apiVersion)
      throw new Error(`{ apiVersion } answered ${expected.status}: ${JSON.stringify(expected.body)}`);
    const load = async (urls) => {
      const result = await runLoad('fixed', {
        urls,
        path: '/graphql',
        body: QUERY,
        expectBody: JSON.stringify(expected.body),
        connections: CONNECTIONS,
        seconds: ctx.seconds,
        warmupSeconds: ctx.warmupSeconds,
      });
      if (result.mismatches)
        throw new Error(
          `${urls.join(', ')} answered ${result.mismatches} bodies other than the expected one, e.g. ${result.mismatch}`,
        );
      return result;
    };

    // As many bare processes as the backend has api replicas, the load spread the same way.
    const bare = [];
    let sides;
    try {
      for (const _ of ctx.apiUrls) {
        const port = await freePort();
        const child = spawnKeepingOutput(process.execPath, [path.join(BENCH_DIR, 'support/bare-nest.cjs')], {
          env: {
            ...process.env,
            PORT: String(port),
            NODE_ENV: 'production',
            BARE_ANSWER: JSON.stringify(expected.body),
          },
        });
        bare.push({ child, url: `http://127.0.0.1:${port}` });
        await waitReady(`http://127.0.0.1:${port}/health`, child);
      }
      sides = await bestOfAlternating(
        ctx.rounds,
        [
          async () => {
            const { result, cpu } = await withCpu(ctx, () => load(ctx.apiUrls));
            return { ...result, cpu };
          },
          () => load(bare.map((b) => b.url)),
        ],
        (r) => r.perSecond,
      );
    } finally {
      for (const b of bare) await stopChild(b.child);
    }
    const [app, base] = sides.map((s) => s.best);
    const ratio = app.perSecond / base.perSecond;
    return {
      figure: `${fmt(app.perSecond)} req/s`,
      baseline: `${fmt(base.perSecond)} req/s (bare NestJS route${bare.length > 1 ? `, ${bare.length} processes` : ''})`,
      ratioValue: ratio,
      ratio: fmtRatio(ratio),
      percentiles: `${fmtMs(app.latency.p50)} / ${fmtMs(app.latency.p95)} / ${fmtMs(app.latency.p99)}`,
      met: ratio >= 0.5,
      notes: [
        `${CONNECTIONS} connections, ${ctx.seconds} s each after a ${ctx.warmupSeconds} s warm-up, ${roundsNote(ctx, sides, (r) => `${fmt(r.perSecond)}`)}; POST /graphql \`{ apiVersion }\`.`,
        `Backend answers: ${describeStatuses(app.statuses)}; ${describeCpu(app.cpu, app.ok + app.warmupOk, 'request')} Bare route: ${describeStatuses(base.statuses)},` +
          ` its p50/p95/p99 ${fmtMs(base.latency.p50)} / ${fmtMs(base.latency.p95)} / ${fmtMs(base.latency.p99)}.`,
      ],
    };
  },
};
