import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
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

/** At worker start, re-creates the delayed job of every drop that the database says should have one. */
@Injectable()
export class DropJobsRestorer implements OnApplicationBootstrap {
  constructor(
    private readonly triggers: DropTriggers,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    const { open, close } = await this.triggers.pendingJobs();
    const delay = (at: Date) => Math.max(0, at.getTime() - Date.now());
    for (const { id, at } of open)
      await this.jobs.enqueue(OpenDropJob, { dropId: id }, { jobId: `open-${id}`, delay: delay(at) });
    for (const { id, at } of close)
      await this.jobs.enqueue(CloseDropJob, { dropId: id }, { jobId: `close-${id}`, delay: delay(at) });
  }
}
