import { defineJob } from '../platform/queue/job';
import { QUEUES } from '../platform/queue/queues';

/** Writes one export's file; jobId = export id, so duplicate enqueues collapse into one job. */
export const RunExportJob = defineJob<{ exportId: string }>(QUEUES.exports, 'run-export', {
  attempts: 3,
  backoff: { type: 'exponential', delay: 500 },
});

/** Hourly: deletes exports past the retention (row and file) and dead `.part` files, re-enqueues lost exports. */
export const ExportMaintenanceJob = defineJob<Record<string, never>>(QUEUES.exports, 'maintenance', {
  attempts: 3,
});

/** Finished files are kept this long, then removed with their row (the export answers NOT_FOUND). */
export const EXPORT_RETENTION_DAYS = 7;
/** A PENDING export older than this has lost its job (Redis was down when it was requested). */
export const STUCK_PENDING_MINUTES = 5;
/** A `.part` file untouched this long belongs to a run that was killed: maintenance removes it. */
export const STALE_PART_HOURS = 24;
