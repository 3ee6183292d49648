import { defineJob } from '../platform/queue/job';
import { QUEUES } from '../platform/queue/queues';

/** Opens a SCHEDULED drop at its time (or waits for its stream, or expires it). Idempotent. */
export const OpenDropJob = defineJob<{ dropId: string }>(QUEUES.drops, 'open-drop', { attempts: 10 });
/** Closes an OPEN drop when its claim window ends, settling the budget. Idempotent. */
export const CloseDropJob = defineJob<{ dropId: string }>(QUEUES.drops, 'close-drop', { attempts: 10 });
