import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { JobType } from './job';
import type { QueueName } from './queues';

type Handler = (data: any, job: Job) => Promise<unknown>;

/**
 * Declares the processor of a queue. Workers never start on their own: `WorkerRunner` starts
 * them only in the `worker` and `all` roles, so an `api` process only enqueues.
 */
export const QueueProcessor = (queue: QueueName, concurrency = 4) =>
  Processor(queue, { autorun: false, concurrency });

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
