// R8: no-op jobs/s through the project's job layer (JobsService.enqueue of EchoJob, processed by
// the worker process: WorkerRunner + JobProcessor + SystemProcessor) against a bare BullMQ worker
// process on the same Redis doing the same work, fed the same way.
import { Queue } from 'bullmq';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BENCH_DIR, BUILD_DIR, REDIS_URL, sleep, stopChild } from '../lib/common.mjs';
import { bestOfAlternating, fmt, roundsNote, fmtRatio } from '../lib/stats.mjs';

const require = createRequire(import.meta.url);
/** The `system` queue's worker concurrency (QueueProcessor's default). */
const CONCURRENCY = 4;

function connection() {
  const url = new URL(REDIS_URL);
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
}

/** Enqueues `n` jobs (500 in flight at a time) and resolves the ms until none waits or runs. */
async function drain(queue, n, enqueue) {
  const t0 = performance.now();
  for (let i = 0; i < n; i += 500)
    await Promise.all(Array.from({ length: Math.min(500, n - i) }, (_, k) => enqueue(i + k)));
  for (;;) {
    const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    if (Object.values(c).every((v) => v === 0)) break;
    await sleep(20);
  }
  const ms = performance.now() - t0;
  const { failed } = await queue.getJobCounts('failed');
  if (failed) throw new Error(`${failed} jobs failed`);
  return ms;
}

export default {
  id: 'R8',
  title: 'No-op queue jobs through the job layer',
  goal: 'ratio >= 0.7',
  async run(ctx) {
    const n = ctx.quick ? 5_000 : 20_000;
    const { JobsService } = require(path.join(BUILD_DIR, 'backend/src/platform/queue/jobs.service.js'));
    const { EchoJob } = require(path.join(BUILD_DIR, 'backend/src/platform/queue/system.jobs.js'));

    // The project: the api's way of enqueueing (JobsService and its default options), the worker
    // process consuming. The baseline: the same adds, same options, to a queue of another prefix
    // served by a bare BullMQ worker process.
    const queue = new Queue(EchoJob.queue, { connection: connection(), prefix: `${ctx.redisPrefix}:q` });
    const jobs = new JobsService({ get: () => queue });
    const project = (i) => jobs.enqueue(EchoJob, { message: `m${i}` });
    const barePrefix = `${ctx.redisPrefix}bare`;
    const bareQueue = new Queue(EchoJob.queue, { connection: connection(), prefix: barePrefix });
    const options = {
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 24 * 3600 },
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      ...EchoJob.defaults,
    };
    const bare = (i) => bareQueue.add(EchoJob.name, { message: `m${i}` }, options);
    const worker = fork(path.join(BENCH_DIR, 'support/bare-bullmq-worker.mjs'), [], {
      env: {
        ...process.env,
        REDIS_URL,
        QUEUE: EchoJob.queue,
        PREFIX: barePrefix,
        CONCURRENCY: String(CONCURRENCY),
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let sides;
    try {
      await new Promise((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('exit', (code) => reject(new Error(`bare worker exited (${code})`)));
      });
      await drain(queue, 500, project);
      await drain(bareQueue, 500, bare);
      sides = await bestOfAlternating(
        ctx.rounds,
        [() => drain(queue, n, project), () => drain(bareQueue, n, bare)],
        (ms) => -ms,
      );
    } finally {
      await Promise.all([queue.close(), bareQueue.close()]);
      await stopChild(worker);
    }
    const [appMs, bareMs] = sides.map((side) => side.best);
    const app = n / (appMs / 1000);
    const base = n / (bareMs / 1000);
    const ratio = app / base;
    return {
      figure: `${fmt(app)} jobs/s`,
      baseline: `${fmt(base)} jobs/s (bare BullMQ)`,
      ratioValue: ratio,
      ratio: fmtRatio(ratio),
      met: ratio >= 0.7,
      notes: [
        `${fmt(n)} EchoJob jobs after 500 to warm up, enqueued 500 at a time; timed from the first add until none waits or runs, ${roundsNote(ctx, sides, (ms) => `${fmt(n / (ms / 1000))}/s`)}. Both workers: concurrency ${CONCURRENCY}, own process, same Redis.`,
      ],
    };
  },
};
