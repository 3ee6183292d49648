import Redis from 'ioredis';
import { clearRedisPrefix, DisposableRedis } from './redis';

describe('DisposableRedis', () => {
  it('comes back empty on the same port after a kill, as a restart that lost its data', async () => {
    const server = await DisposableRedis.start();
    const client = new Redis(server.url, { lazyConnect: true, retryStrategy: () => null });
    try {
      await client.connect();
      await client.set('k', 'v');
      await server.stop();
      await expect(client.get('k')).rejects.toThrow();
      await server.start();
      const again = new Redis(server.url, { maxRetriesPerRequest: 1 });
      try {
        expect(await again.get('k')).toBeNull();
        expect(await again.config('GET', 'port')).toEqual(['port', String(server.port)]);
      } finally {
        again.disconnect();
      }
    } finally {
      // Ended with its server: disconnecting it again would leave ioredis' 2 s close timer behind.
      if (client.status !== 'end') client.disconnect();
      await server.stop();
    }
  });
});

describe('clearRedisPrefix', () => {
  it('deletes every key of the prefix and no other key', async () => {
    const server = await DisposableRedis.start();
    const redis = new Redis(server.url);
    try {
      const keys = Array.from({ length: 2_500 }, (_, i) => `gone:${i}`);
      await redis.mset(...keys.flatMap((k) => [k, '1']));
      await redis.mset('kept:1', '1', 'gone', '1', 'gonezo:1', '1');
      await redis.set('gone:lock', 'mine');
      await clearRedisPrefix('gone', { url: server.url, keep: ['gone:lock'] });
      expect((await redis.keys('*')).sort()).toEqual(['gone', 'gone:lock', 'gonezo:1', 'kept:1']);
    } finally {
      redis.disconnect();
      await server.stop();
    }
  });
});
