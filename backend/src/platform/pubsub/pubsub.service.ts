import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { RedisPubSub } from 'graphql-redis-subscriptions';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../redis/redis-options';

/**
 * Live events through Redis pub/sub, so a subscription on any api replica receives what any
 * other process published. Topics are prefixed with the deployment's Redis prefix.
 */
@Injectable()
export class PubSubService implements OnApplicationShutdown {
  private readonly pubsub: RedisPubSub;
  private readonly clients: Redis[];
  private readonly prefix: string;

  constructor(config: AppConfig) {
    const options = redisOptions(config.redisUrl, { maxRetriesPerRequest: null });
    this.prefix = `${config.redisPrefix}:ps:`;
    // The subscriber waits for Redis across reconnects (it re-subscribes); the publisher fails fast
    // while Redis is down, so a mutation that announces a change (openDrop) never waits for it.
    const publisher = redisOptions(config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.clients = [new Redis(publisher), new Redis(options)];
    for (const client of this.clients) client.on('error', () => undefined);
    this.pubsub = new RedisPubSub({ publisher: this.clients[0], subscriber: this.clients[1] });
  }

  publish<T>(topic: string, payload: T): Promise<void> {
    return this.pubsub.publish(this.prefix + topic, payload).catch(() => undefined);
  }

  /**
   * Whether any process subscribes to `topic` right now (Redis `PUBSUB NUMSUB`, which counts the
   * subscribers of every api replica on this Redis). Lets a publisher skip work nobody would see.
   * When Redis cannot answer, says true: the publication is then attempted as before.
   */
  async hasSubscribers(topic: string): Promise<boolean> {
    try {
      const reply = (await this.clients[0].call('PUBSUB', 'NUMSUB', this.prefix + topic)) as [string, number];
      return Number(reply[1]) > 0;
    } catch {
      return true;
    }
  }

  asyncIterator<T>(topics: string | string[]): AsyncIterableIterator<T> {
    const list = (Array.isArray(topics) ? topics : [topics]).map((t) => this.prefix + t);
    return this.pubsub.asyncIterableIterator<T>(list) as AsyncIterableIterator<T>;
  }

  async onApplicationShutdown(): Promise<void> {
    // quit() would wait forever for a Redis that is down; disconnect() does not.
    await Promise.all(
      this.clients.map((c) => (c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect())),
    );
  }
}
