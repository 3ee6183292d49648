import { defineJob } from '../platform/queue/job';
import { QUEUES } from '../platform/queue/queues';

/** Recomputes the dirty minutes of one stream (jobId per stream, so a burst of batches collapses). */
export const RollupStreamJob = defineJob<{ streamId: string }>(QUEUES.analytics, 'rollup-stream', {
  attempts: 3,
});
/** Repeatable: recomputes whatever is dirty, whatever the stream (catches up after outages). */
export const RollupCatchUpJob = defineJob<Record<string, never>>(QUEUES.analytics, 'rollup-catch-up', {
  attempts: 1,
});
/** Repeatable daily: creates the next days' stream_events partitions. */
export const EnsurePartitionsJob = defineJob<Record<string, never>>(QUEUES.analytics, 'ensure-partitions', {
  attempts: 3,
});
