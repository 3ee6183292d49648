import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { TEST_REDIS_URL } from '@bouquet/testing';

export interface HeldQueue {
  /** Lets the workers take the queue's jobs again. */
  release(): Promise<void>;
}

/**
 * Pauses one BullMQ queue of a running backend (`<REDIS_PREFIX>:q`), so that its workers start no job of
 * it until `release()`: for a test that must see the state before the work, whatever the machine's speed.
 */
export async function heldQueue(redisPrefix: string, name: string): Promise<HeldQueue> {
  const connection = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection, prefix: `${redisPrefix}:q` });
  await queue.pause();
  return {
    async release() {
      try {
        await queue.resume();
      } finally {
        await queue.close();
        connection.disconnect();
      }
    },
  };
}
