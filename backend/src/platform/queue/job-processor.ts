import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobType } from './job';
import type { QueueName } from './queues';

type Handler = (data: any, job: Job) => Promise<unknown>;

/**
 * A dead worker's job goes back to the queue once its lock (renewed every lockDuration / 2) has
 * expired and a stalled-job check has run: with these, within about 20 s of a SIGKILL instead of
 * BullMQ's default 60 s (30 s lock, 30 s checks). Jobs are safe to run twice.
 */
const LOCK_DURATION_MS = 15_000;
const STALLED_CHECK_EVERY_MS = 5_000;

/**
 * Declares the processor of a queue. Workers never start on their own: `WorkerRunner` starts
 * them only in the `worker` and `all` roles, so an `api` process only enqueues.
 */
export const QueueProcessor = (queue: QueueName, concurrency = 4) =>
  Processor(queue, {
    autorun: false,
    concurrency,
    lockDuration: LOCK_DURATION_MS,
    stalledInterval: STALLED_CHECK_EVERY_MS,
  });

/**
 * Base of every processor: maps job names to handlers registered with `handle()`.
 * An unknown job name fails loudly instead of being dropped.
 */
export abstract class JobProcessor extends WorkerHost {
  private readonly handlers = new Map<string, Handler>();
  protected readonly logger = new Logger(this.constructor.name);

  protected handle<T>(job: JobType<T>, handler: (data: T, job: Job<T>) => Promise<unknown>): void {
    this.handlers.set(job.name, handler as Handler);
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new Error(`No handler for job ${job.queueName}/${job.name}`);
    return handler(job.data, job);
  }
}
