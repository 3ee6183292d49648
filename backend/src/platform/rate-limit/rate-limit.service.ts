import { Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { AppConfig } from '../config/app-config';
import { RateLimitedError } from '../errors';
import { InjectRedis } from '../redis/redis.module';

export interface RateLimit {
  /** Name of the limit, part of its Redis key. */
  name: string;
  points: number;
  durationSeconds: number;
  /** How long a caller is locked out once over the limit (default: rest of the window). */
  blockSeconds?: number;
}

/**
 * Fixed-window limits shared by every process through Redis; while Redis is down each process
 * falls back to its own in-memory limiter rather than letting everything through.
 */
@Injectable()
export class RateLimitService {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(
    @InjectRedis() private readonly redis: Redis,
    private readonly config: AppConfig,
  ) {}

  private limiter(limit: RateLimit): RateLimiterRedis {
    let limiter = this.limiters.get(limit.name);
    if (!limiter) {
      const options = {
        keyPrefix: `${this.config.redisPrefix}:rl:${limit.name}`,
        points: limit.points,
        duration: limit.durationSeconds,
        blockDuration: limit.blockSeconds ?? 0,
      };
      limiter = new RateLimiterRedis({
        ...options,
        storeClient: this.redis,
        insuranceLimiter: new RateLimiterMemory(options),
      });
      this.limiters.set(limit.name, limiter);
    }
    return limiter;
  }

  /** Counts one attempt for each key; throws RATE_LIMITED with the retry time when any is over. */
  async consume(limit: RateLimit, ...keys: string[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.limiter(limit).consume(key);
      } catch (error) {
        if (error instanceof RateLimiterRes)
          throw new RateLimitedError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
        throw error;
      }
    }
  }

  /** Forgets the attempts of a key (e.g. after a successful log-in). */
  async reset(limit: RateLimit, key: string): Promise<void> {
    await this.limiter(limit)
      .delete(key)
      .catch(() => undefined);
  }
}
