import { Client } from 'pg';
import { DisposableRedis, eventually, TEST_DATABASE_URL } from '@bouquet/testing';
import { startTestApp } from '../../testing/test-app';
import { JobsService } from '../queue/jobs.service';
import { EchoJob } from '../queue/system.jobs';
import { QueueRecovery } from '../queue/queue-recovery.service';
import { QUEUES } from '../queue/queues';
import { WorkerRunner } from '../queue/worker-runner.service';
import { WorkerLiveness } from './worker-liveness';

describe('health', () => {
  it('is live and ready when Postgres and Redis answer', async () => {
    const t = await startTestApp();
    try {
      expect((await t.http('/health/live')).status).toBe(200);
      const ready = await t.http('/health/ready');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, redis: { status: 'up' } },
      });
    } finally {
      await t.close();
    }
  });

  it('goes not-ready while Redis is down and ready again when it is back', async () => {
    const redis = await DisposableRedis.start();
    const t = await startTestApp({ env: { REDIS_URL: redis.url }, redisPrefix: 'bqt-outage' });
    const readyStatus = async () => (await t.http('/health/ready')).status;
    try {
      expect(await readyStatus()).toBe(200);
      await redis.stop();
      await eventually(async () => (await readyStatus()) === 503);
      const body = await (await t.http('/health/ready')).json();
      expect(body).toMatchObject({ status: 'error', error: { redis: { status: 'down' } } });
      expect((await t.http('/health/live')).status).toBe(200);
      await redis.start();
      await eventually(async () => (await readyStatus()) === 200, 20_000);
    } finally {
      await t.close();
      await redis.stop();
    }
  });

  it('is not ready once Postgres is gone', async () => {
    const t = await startTestApp();
    try {
      const admin = new Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE ${t.db.name} WITH (FORCE)`);
      await admin.end();
      const ready = await t.http('/health/ready');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    } finally {
      await t.close();
    }
  });

  it('goes not-ready when a queue worker stops consuming, and ready again once it takes the job', async () => {
    const t = await startTestApp({ env: { ROLE: 'worker' } });
    try {
      const liveness = t.app.get(WorkerLiveness);
      liveness.stallMs = 800;
      const system = t.app.get(WorkerRunner).workers.find((w) => w.name === 'system');
      if (!system) throw new Error('no system worker');
      // Idle workers with empty queues are ready, however long they have been idle.
      await new Promise((r) => setTimeout(r, 1000));
      expect((await t.http('/health/ready')).status).toBe(200);

      // The worker stops taking jobs while it believes it runs (as with a blocking connection stuck
      // after a Redis restart), and a job waits.
      await system.pause(true);
      const running = jest.spyOn(system, 'isRunning').mockReturnValue(true);
      // The fetch the worker had already started still takes one job; the next one waits.
      const taken = await t.app.get(JobsService).enqueue(EchoJob, { message: 'taken' });
      await eventually(async () => (await taken.getState()) === 'completed', 10_000);
      const job = await t.app.get(JobsService).enqueue(EchoJob, { message: 'waiting' });
      await eventually(async () => (await t.http('/health/ready')).status === 503, 10_000);
      const body = await (await t.http('/health/ready')).json();
      expect(body).toMatchObject({
        status: 'error',
        info: { database: { status: 'up' }, redis: { status: 'up' } },
        error: {
          workers: { status: 'down', problems: [expect.stringMatching(/^system: a job has waited/)] },
        },
      });
      expect((await t.http('/health/live')).status).toBe(200);

      // A worker that stopped (paused, closed, crashed loop) is not ready either.
      running.mockRestore();
      expect((await (await t.http('/health/ready')).json()).error.workers.problems).toEqual([
        'system: the worker is not running',
      ]);

      system.resume();
      await eventually(async () => (await job.getState()) === 'completed', 10_000);
      await eventually(async () => (await t.http('/health/ready')).status === 200, 10_000);
    } finally {
      await t.close();
    }
  });

  it('reports no worker check in an api process', async () => {
    const t = await startTestApp({ env: { ROLE: 'api' } });
    try {
      const body = await (await t.http('/health/ready')).json();
      expect(body.info).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
    } finally {
      await t.close();
    }
  });

  it('heals on its own when Redis comes back without the queue data: jobs re-created, ready again', async () => {
    const redis = await DisposableRedis.start();
    const worker = await startTestApp({
      env: { REDIS_URL: redis.url, ROLE: 'worker' },
      redisPrefix: 'bqt-loss',
    });
    try {
      expect((await worker.http('/health/ready')).status).toBe(200);
      const schedulers = () =>
        worker.app
          .get(JobsService)
          .queue(QUEUES.analytics)
          .getJobSchedulers()
          .then((s) => s.length);
      expect(await schedulers()).toBe(2);
      // Restarted without persistence: every queue, delayed job and job scheduler is gone.
      await redis.stop();
      await redis.start();
      const back = Date.now();
      // No restart: the worker notices the missing marker and re-creates the jobs from Postgres.
      await eventually(
        async () => (await worker.http('/health/ready')).status === 200 && (await schedulers()) === 2,
        20_000,
        200,
      );
      expect(Date.now() - back).toBeLessThan(15_000);
      expect(worker.app.get(QueueRecovery).lastRun?.reason).toBe('data-loss');
    } finally {
      await worker.close();
      await redis.stop();
    }
  });
});
