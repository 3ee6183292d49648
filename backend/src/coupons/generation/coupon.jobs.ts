import { defineJob } from '../../platform/queue/job';
import { QUEUES } from '../../platform/queue/queues';

/** Generates the codes of a pool; jobId = pool id, so duplicate enqueues collapse into one job. */
export const GenerateCouponCodesJob = defineJob<{ poolId: string }>(QUEUES.coupons, 'generate-codes', {
  attempts: 10,
  backoff: { type: 'exponential', delay: 2000 },
});

/** Deletes idempotency keys older than the retention (hourly, from the worker's job scheduler). */
export const PurgeIdempotencyKeysJob = defineJob<Record<string, never>>(
  QUEUES.coupons,
  'purge-idempotency-keys',
  {
    attempts: 3,
  },
);

/** Keys are kept at least 24 hours (Stripe keeps them 24h); purged after 48. */
export const IDEMPOTENCY_RETENTION_HOURS = 48;
