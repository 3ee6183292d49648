import { defineJob } from '../platform/queue/job';
import { QUEUES } from '../platform/queue/queues';

/** Applies the pending deltas and marks of one stream (jobId per stream and 1 s slot, so a burst collapses). */
export const RollupStreamJob = defineJob<{ streamId: string }>(QUEUES.analytics, 'rollup-stream', {
  attempts: 3,
});
/** Repeatable: applies whatever is pending, whatever the stream (catches up after outages). */
export const RollupCatchUpJob = defineJob<Record<string, never>>(QUEUES.analytics, 'rollup-catch-up', {
  attempts: 1,
});
/** Repeatable daily: creates the next days' stream_events partitions, prunes old viewer sets. */
export const EnsurePartitionsJob = defineJob<Record<string, never>>(QUEUES.analytics, 'ensure-partitions', {
  attempts: 3,
});
