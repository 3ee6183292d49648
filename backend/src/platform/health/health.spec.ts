import { Client } from 'pg';
import { startTestApp } from '../../testing/test-app';
import { TEST_DATABASE_URL } from '../../testing/test-env';
import { DisposableRedis, eventually } from '../../testing/redis-server';

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
});
