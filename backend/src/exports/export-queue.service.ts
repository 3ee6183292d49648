import { Injectable } from '@nestjs/common';
import { JobsService } from '../platform/queue/jobs.service';
import { RunExportJob } from './exports.jobs';

/** Enqueues the run of an export with jobId = export id, so duplicates collapse. */
@Injectable()
export class ExportQueue {
  constructor(private readonly jobs: JobsService) {}

  /**
   * `restart` replaces a finished or failed job of the same id (BullMQ keeps those for a while and
   * would otherwise ignore the new one); a waiting or active job is left alone.
   */
  async enqueue(exportId: string, options: { restart?: boolean } = {}): Promise<void> {
    if (options.restart) {
      const existing = await this.jobs.queue(RunExportJob.queue).getJob(exportId);
      if (existing && ((await existing.isCompleted()) || (await existing.isFailed())))
        await existing.remove();
    }
    await this.jobs.enqueue(RunExportJob, { exportId }, { jobId: exportId });
  }
}
