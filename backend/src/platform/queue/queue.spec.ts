import { ConnectionOptions, QueueEvents } from 'bullmq';
import { startTestApp, TestApp } from '../../testing/test-app';
import { createTestDatabase, TestDatabase } from '../../testing/test-database';
import { redisOptions } from '../redis/redis-options';
import { JobsService } from './jobs.service';
import { QUEUES } from './queues';
import { EchoJob } from './system.jobs';
import { WorkerRunner } from './worker-runner.service';

describe('queue roles', () => {
  let db: TestDatabase;
  let api: TestApp;
  let worker: TestApp | undefined;
  const prefix = `bqtq${process.pid}${Date.now() % 100000}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApp({ db, redisPrefix: prefix, env: { ROLE: 'api' } });
  });
  afterAll(async () => {
    await worker?.close();
    await api.close();
    await db.drop();
  });

  it('runs a job enqueued by the api role on a worker process, never on the api', async () => {
    expect(api.app.get(WorkerRunner).workers).toHaveLength(0);
    const job = await api.app.get(JobsService).enqueue(EchoJob, { message: 'hello' });
    const events = new QueueEvents(QUEUES.system, {
      connection: redisOptions(api.config.redisUrl, { maxRetriesPerRequest: null }) as ConnectionOptions,
      prefix: `${prefix}:q`,
    });
    try {
      await events.waitUntilReady();
      // Nothing consumes while only the api runs.
      await new Promise((r) => setTimeout(r, 500));
      expect(await job.getState()).toBe('waiting');

      worker = await startTestApp({ db, redisPrefix: prefix, env: { ROLE: 'worker' } });
      expect(worker.app.get(WorkerRunner).workers.length).toBeGreaterThan(0);
      const result = await job.waitUntilFinished(events, 15_000);
      expect(result).toEqual({ echo: 'hello', by: expect.stringContaining(String(process.pid)) });
    } finally {
      await events.close();
    }
  });

  it('serves only health and metrics from a worker process', async () => {
    expect(worker).toBeDefined();
    expect((await worker!.http('/health/ready')).status).toBe(200);
    expect((await worker!.http('/metrics')).status).toBe(200);
    const gql = await worker!.http('/graphql', { method: 'POST', json: { query: '{ apiVersion }' } });
    expect(gql.status).toBe(404);
  });
});
