import { readdir, rm, stat } from 'node:fs/promises';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { JobProcessor, QueueProcessor } from '../platform/queue/job-processor';
import { JobRestorer, RestoresJobs } from '../platform/queue/job-restorer';
import { JobsService } from '../platform/queue/jobs.service';
import { QUEUES } from '../platform/queue/queues';
import { ExportFiles } from './export-files';
import { ExportQueue } from './export-queue.service';
import { ExportRunner } from './export-runner.service';
import {
  EXPORT_RETENTION_DAYS,
  ExportMaintenanceJob,
  RunExportJob,
  STALE_PART_HOURS,
  STUCK_PENDING_MINUTES,
} from './exports.jobs';

/** Two exports at a time per worker: each holds one read connection and a file open. */
@QueueProcessor(QUEUES.exports, 2)
@RestoresJobs('exports')
export class ExportsProcessor extends JobProcessor implements JobRestorer {
  constructor(
    runner: ExportRunner,
    private readonly queue: ExportQueue,
    private readonly uow: UnitOfWork,
    private readonly files: ExportFiles,
    private readonly jobs: JobsService,
  ) {
    super();
    this.handle(RunExportJob, async ({ exportId }, job) => ({
      status: await runner.run(exportId, {
        lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      }),
    }));
    this.handle(ExportMaintenanceJob, () => this.maintain());
  }

  /**
   * Removes exports past the retention (file first, then the row), `.part` files that a killed run
   * left behind, and re-enqueues exports whose job was lost.
   */
  async maintain(): Promise<{ purged: number; requeued: number; partsRemoved: number }> {
    const old = await this.uow.query<{ id: string; file_path: string | null }[]>(
      `SELECT id, file_path FROM exports
        WHERE created_at < now() - make_interval(days => $1) AND status IN ('DONE', 'FAILED')
        ORDER BY created_at LIMIT 1000`,
      [EXPORT_RETENTION_DAYS],
    );
    for (const row of old) {
      // A FAILED export has no file_path, but a run that failed after its rename may have left one.
      await rm(this.files.absolute(row.file_path ?? this.files.finalName(row.id)), { force: true });
      await this.uow.query(`DELETE FROM exports WHERE id = $1`, [row.id]);
    }
    const stuck = await this.uow.query<{ id: string }[]>(
      `SELECT id FROM exports WHERE status = 'PENDING' AND created_at < now() - make_interval(mins => $1)
        ORDER BY created_at LIMIT 1000`,
      [STUCK_PENDING_MINUTES],
    );
    for (const { id } of stuck) await this.queue.enqueue(id, { restart: true });
    return { purged: old.length, requeued: stuck.length, partsRemoved: await this.removeStaleParts() };
  }

  /** A run that is still going touches its `.part` file at least every batch; a day-old one is dead. */
  private async removeStaleParts(): Promise<number> {
    const names = await readdir(this.files.root).catch(() => [] as string[]);
    const before = Date.now() - STALE_PART_HOURS * 3_600_000;
    let removed = 0;
    for (const name of names.filter((n) => n.endsWith('.part'))) {
      const path = this.files.absolute(name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < before) {
        await rm(path, { force: true });
        removed += 1;
      }
    }
    return removed;
  }

  /** Postgres is the truth: re-creates the job of every unfinished export and the maintenance scheduler. */
  async restoreJobs(): Promise<number> {
    const rows = await this.uow.query<{ id: string }[]>(
      `SELECT id FROM exports WHERE status IN ('PENDING', 'RUNNING') ORDER BY created_at`,
    );
    for (const { id } of rows) await this.queue.enqueue(id, { restart: true });
    await this.jobs
      .queue(QUEUES.exports)
      .upsertJobScheduler(
        ExportMaintenanceJob.name,
        { every: 3_600_000 },
        { name: ExportMaintenanceJob.name, data: {}, opts: ExportMaintenanceJob.defaults },
      );
    return rows.length + 1;
  }
}
