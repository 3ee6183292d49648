import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Job, JobsOptions, Queue } from 'bullmq';
import type { JobType } from './job';
import type { QueueName } from './queues';

/** Enqueues typed jobs; any role may enqueue, only workers process. */
@Injectable()
export class JobsService {
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
}
