import { Injectable } from '@nestjs/common';
import { JobRestorer, RestoresJobs } from '../platform/queue/job-restorer';
import { JobsService } from '../platform/queue/jobs.service';
import { JobProcessor, QueueProcessor } from '../platform/queue/job-processor';
import { QUEUES } from '../platform/queue/queues';
import { DropTriggers } from './drop-triggers.service';
import { CloseDropJob, OpenDropJob } from './drop.jobs';

@QueueProcessor(QUEUES.drops, 8)
export class DropsProcessor extends JobProcessor {
  constructor(triggers: DropTriggers) {
    super();
    this.handle(OpenDropJob, (data) => triggers.onScheduledTime(data.dropId));
    this.handle(CloseDropJob, (data) => triggers.onWindowEnd(data.dropId));
  }
}

/**
 * Re-creates the delayed job of every drop that the database says should have one: the open job of
 * a SCHEDULED drop, the close job of an OPEN drop (also one whose close job was never enqueued
 * because Redis was down when it opened). Fixed job ids: restoring twice adds nothing.
 */
@Injectable()
@RestoresJobs('drops')
export class DropJobsRestorer implements JobRestorer {
  constructor(
    private readonly triggers: DropTriggers,
    private readonly jobs: JobsService,
  ) {}

  async restoreJobs(): Promise<number> {
    const { open, close } = await this.triggers.pendingJobs();
    const delay = (at: Date) => Math.max(0, at.getTime() - Date.now());
    for (const { id, at } of open)
      await this.jobs.enqueue(OpenDropJob, { dropId: id }, { jobId: `open-${id}`, delay: delay(at) });
    for (const { id, at } of close)
      await this.jobs.enqueue(CloseDropJob, { dropId: id }, { jobId: `close-${id}`, delay: delay(at) });
    return open.length + close.length;
  }
}
