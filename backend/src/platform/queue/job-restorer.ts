import { DiscoveryService } from '@nestjs/core';

/**
 * A provider that re-creates, from Postgres, the queue jobs the database says should exist
 * (delayed jobs of scheduled rows, unfinished work, job schedulers). Postgres is the truth and a
 * job is only a trigger, so restoring must be safe to run any number of times, by several workers
 * at once: fixed job ids, `upsertJobScheduler`, handlers that find nothing to do the second time.
 *
 * `QueueRecovery` runs every restorer when a worker boots and again whenever Redis comes back
 * without the queue data (or after an outage during which an enqueue may have been lost).
 */
export interface JobRestorer {
  /** Re-creates the jobs; returns how many it (re-)enqueued, for the log. Throws when Redis fails. */
  restoreJobs(): Promise<number>;
}

/** Marks a `JobRestorer` provider; the value names it in logs and readiness (`@RestoresJobs('drops')`). */
export const RestoresJobs = DiscoveryService.createDecorator<string>();
