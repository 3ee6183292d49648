import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisOptions } from './redis-options';

export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

/**
 * The app's general-purpose Redis client (rate limits, caches, health). Commands fail fast while
 * Redis is unreachable instead of queueing, so requests answer quickly.
 */
@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        new Redis(
          redisOptions(config.redisUrl, {
            enableOfflineQueue: false,
            maxRetriesPerRequest: 1,
            lazyConnect: false,
          }),
        ).on(
          'error',
          () => undefined, // reconnects on its own; readiness reports the outage
        ),
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
