import { defineJob } from '../platform/queue/job';
import { QUEUES } from '../platform/queue/queues';

/** Marks a PENDING offer EXPIRED once its expiresAt has passed. Safe to run twice or early. */
export const ExpireOfferJob = defineJob<{ offerId: string }>(QUEUES.offers, 'expire-offer', { attempts: 5 });
