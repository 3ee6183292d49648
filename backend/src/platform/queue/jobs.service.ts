import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, JobsOptions, Queue } from 'bullmq';
import type { JobType } from './job';
import type { QueueName } from './queues';

/**
 * How long a request waits for Redis to take a job that a `JobRestorer` can re-create from Postgres.
 * Queue connections wait for Redis across reconnects (`maxRetriesPerRequest: null`), so without a
 * bound a mutation would hang for the whole outage.
 */
export const ENQUEUE_BOUND_MS = 2_000;

/** Enqueues typed jobs; any role may enqueue, only workers process. */
@Injectable()
export class JobsService {
  private readonly logger = new Logger(JobsService.name);
  /** Public so tests can shorten it. */
  enqueueBoundMs = ENQUEUE_BOUND_MS;

  constructor(private readonly moduleRef: ModuleRef) {}

  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  enqueue<T>(job: JobType<T>, data: T, opts: JobsOptions = {}): Promise<Job<T>> {
    return this.queue(job.queue).add(job.name, data, {
      removeOnComplete: { age: 3600, count: 1000 },
      removeOnFail: { age: 24 * 3600 },
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      ...job.defaults,
      ...opts,
    });
  }

  /**
   * For a job enqueued after its change committed, when a `JobRestorer` re-creates it from Postgres:
   * waits at most `enqueueBoundMs` for Redis. Resolves true when the job was taken, false when Redis
   * did not answer in time or failed (logged). The add stays queued in the client and lands when
   * Redis is back; the restorers cover the rest (a lost Redis, a process gone meanwhile).
   */
  enqueueRecoverable<T>(job: JobType<T>, data: T, opts: JobsOptions = {}): Promise<boolean> {
    return this.bounded(`${job.queue}/${job.name} ${opts.jobId ?? ''}`.trim(), () =>
      this.enqueue(job, data, opts),
    );
  }

  /** `enqueueRecoverable` for an enqueue wrapped by a domain helper (e.g. one that picks the job id). */
  async bounded(what: string, enqueue: () => Promise<unknown>): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.enqueueBoundMs);
      timer.unref();
    });
    const attempt = enqueue().then(() => 'ok' as const);
    // A rejection after the bound is nobody's answer any more: never an unhandled rejection.
    attempt.catch(() => undefined);
    try {
      const outcome = await Promise.race([attempt, timeout]);
      if (outcome === 'ok') return true;
      this.logger.warn(
        `Redis did not take ${what} within ${this.enqueueBoundMs} ms; it lands when Redis is back or is re-created from Postgres`,
      );
      return false;
    } catch (error) {
      this.logger.warn(
        `Could not enqueue ${what} (re-created from Postgres later): ${(error as Error).message}`,
      );
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
