import Redis from 'ioredis';
import { clearRedisPrefix, eventually, TEST_REDIS_URL } from '@bouquet/testing';
import { signUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { createCampaign, creatorIdOf, sendOffer } from '../../negotiation/tests/negotiation-factories';
import { JobsService } from './jobs.service';
import { QueueRecovery } from './queue-recovery.service';
import { QUEUES } from './queues';

/**
 * Redis loses the queue data (here: every key of the test's prefix is deleted, as a restart without
 * persistence would) while workers run. They notice on their own, one of them re-creates every job
 * Postgres says should exist (delayed and repeatable), and readiness is back, without a restart.
 */
describe('queue recovery after Redis lost its data', () => {
  let api: TestApp;
  let workers: TestApp[] = [];
  let redis: Redis;
  let offerId: string;
  const prefix = `bqtrec${process.pid}${Date.now() % 100000}`;

  const schedulers = async (w: TestApp) => {
    const jobs = w.app.get(JobsService);
    const ids = await Promise.all(
      [QUEUES.analytics, QUEUES.coupons, QUEUES.exports].map(async (q) =>
        (await jobs.queue(q).getJobSchedulers()).map((s) => `${q}/${s.key}`),
      ),
    );
    return ids.flat().sort();
  };
  const expiryJob = async (w: TestApp) =>
    (await w.app.get(JobsService).queue(QUEUES.offers).getJob(`expire-${offerId}`))?.id ?? null;
  const ready = async (w: TestApp) => (await w.http('/health/ready')).status;

  beforeAll(async () => {
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    api = await startTestApp({ redisPrefix: prefix, env: { ROLE: 'api' } });
    const [brand, creator] = await Promise.all([signUp(api, 'BRAND'), signUp(api, 'CREATOR')]);
    const campaignId = await createCampaign(api, brand);
    const expiresAt = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const sent = await sendOffer(api, brand, campaignId, await creatorIdOf(api, creator), { expiresAt });
    if (sent.errors) throw new Error(JSON.stringify(sent.errors));
    offerId = sent.data.sendOffer.id;
    // Two workers of one deployment: both will notice the loss.
    for (let i = 0; i < 2; i++)
      workers.push(await startTestApp({ db: api.db, redisPrefix: prefix, env: { ROLE: 'worker' } }));
  });
  afterAll(async () => {
    for (const w of workers) await w.close();
    await api.close();
    redis.disconnect();
    workers = [];
  });

  it('restores at boot: the delayed job of a pending offer and every job scheduler exist, readiness is up', async () => {
    expect(workers[0].app.get(QueueRecovery).lastRun?.reason).toBe('boot');
    expect(workers[0].app.get(QueueRecovery).restorerNames.sort()).toEqual(
      ['analytics', 'coupons', 'drops', 'exports', 'offers'].sort(),
    );
    expect(await expiryJob(workers[0])).toBe(`expire-${offerId}`);
    expect(await schedulers(workers[0])).toEqual([
      'analytics/ensure-partitions',
      'analytics/rollup-catch-up',
      'coupons/purge-idempotency-keys',
      'exports/maintenance',
    ]);
    for (const w of workers) expect(await ready(w)).toBe(200);
  });

  it('re-creates them on its own after the keys are gone, once for both workers, and is ready again', async () => {
    const before = workers.map((w) => w.app.get(QueueRecovery).lastRun?.at.getTime() ?? 0);
    const lostAt = Date.now();
    await clearRedisPrefix(prefix);
    expect(await expiryJob(workers[0])).toBeNull();
    expect(await schedulers(workers[0])).toEqual([]);

    await eventually(async () => (await expiryJob(workers[1])) !== null, 15_000, 200);
    await eventually(async () => (await redis.exists(`${prefix}:q:workers-booted`)) === 1, 15_000, 200);
    const healedMs = Date.now() - lostAt;
    expect(healedMs).toBeLessThan(10_000);
    expect(
      (await workers[0].app.get(JobsService).queue(QUEUES.offers).getJob(`expire-${offerId}`))?.delay,
    ).toBeGreaterThan(23 * 3_600_000);
    expect((await schedulers(workers[1])).length).toBe(4);
    for (const w of workers) await eventually(async () => (await ready(w)) === 200, 10_000, 200);

    // Exactly one worker restored after the loss (under the lock); the other saw the marker back.
    const runs = workers.map((w) => w.app.get(QueueRecovery).lastRun);
    const afterLoss = runs.filter((r, i) => r && r.at.getTime() > before[i]);
    expect(afterLoss).toHaveLength(1);
    expect(afterLoss[0]).toMatchObject({
      reason: 'data-loss',
      restored: expect.objectContaining({ offers: 1 }),
    });
  });

  it('sweeps: a job lost without any outage (its enqueuing process died) comes back within a sweep', async () => {
    for (const w of workers) w.app.get(QueueRecovery).sweepEveryMs = 1_000;
    try {
      await redis.del(`${prefix}:q:swept`);
      await (
        await workers[0].app.get(JobsService).queue(QUEUES.offers).getJob(`expire-${offerId}`)
      )?.remove();
      expect(await expiryJob(workers[0])).toBeNull();
      // A run re-creates the job before it records itself (the other restorers and the marker come
      // after): wait for both, or a look between the two would miss the sweep.
      const swept = () => workers.some((w) => w.app.get(QueueRecovery).lastRun?.reason === 'sweep');
      await eventually(async () => (await expiryJob(workers[0])) !== null && swept(), 10_000, 200);
      for (const w of workers) expect(await ready(w)).toBe(200);
    } finally {
      for (const w of workers) w.app.get(QueueRecovery).sweepEveryMs = 5 * 60_000;
    }
  });

  it('reports the loss in readiness while another worker holds the restore lock, and heals when it is free', async () => {
    // Another worker (or one that died mid-restore) holds the lock: nobody here may restore yet.
    // The lock is taken first (once no run of these workers holds it), then the data goes: a worker
    // looking between a wipe and a later lock would restore at once.
    const lock = `${prefix}:q:restoring`;
    await eventually(
      async () => (await redis.set(lock, 'someone-else', 'PX', 60_000, 'NX')) === 'OK',
      10_000,
      50,
    );
    await clearRedisPrefix(prefix, { keep: [lock] });
    await eventually(async () => (await ready(workers[0])) === 503, 10_000, 200);
    const body = await (await workers[0].http('/health/ready')).json();
    expect(body.info.redis.status).toBe('up');
    expect(body.error.workers.problems).toEqual([expect.stringMatching(/^redis: its queue data was lost/)]);
    expect(await expiryJob(workers[0])).toBeNull();

    // The holder's lock expires (or it finishes): a worker restores within a check or two.
    await redis.del(lock);
    for (const w of workers) await eventually(async () => (await ready(w)) === 200, 10_000, 200);
    expect(await expiryJob(workers[0])).toBe(`expire-${offerId}`);
  });
});
