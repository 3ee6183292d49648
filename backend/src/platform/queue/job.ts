import type { JobsOptions } from 'bullmq';
import type { QueueName } from './queues';

/**
 * A named job type: `export const OpenDropJob = defineJob<{ dropId: string }>('drops', 'open-drop')`.
 * Handlers must be safe to run twice: Postgres is the truth, the job is only a trigger.
 */
export interface JobType<TData> {
  readonly queue: QueueName;
  readonly name: string;
  readonly defaults: JobsOptions;
  /** Phantom field carrying the data type. */
  readonly __data?: TData;
}

export function defineJob<TData>(queue: QueueName, name: string, defaults: JobsOptions = {}): JobType<TData> {
  return { queue, name, defaults };
}

export type JobData<J> = J extends JobType<infer T> ? T : never;
