import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { JobsService } from '../platform/queue/jobs.service';
import { JobProcessor, QueueProcessor } from '../platform/queue/job-processor';
import { QUEUES } from '../platform/queue/queues';
import { EnsurePartitionsJob, RollupCatchUpJob, RollupStreamJob } from './analytics.jobs';
import { RollupsService } from './rollups.service';

/** Seconds between two catch-up runs. */
export const CATCH_UP_EVERY_MS = 5_000;

@QueueProcessor(QUEUES.analytics, 4)
export class AnalyticsProcessor extends JobProcessor {
  constructor(rollups: RollupsService) {
    super();
    this.handle(RollupStreamJob, async (data) => ({ minutes: await rollups.processDirty(data.streamId) }));
    this.handle(RollupCatchUpJob, async () => {
      await rollups.markRecentExternal();
      return { minutes: await rollups.processDirty() };
    });
    this.handle(EnsurePartitionsJob, async () => ({ created: await rollups.ensurePartitions() }));
  }
}

/**
 * On a worker: registers the repeatable catch-up and partition jobs and catches up right away,
 * so whatever was ingested while no worker (or no Redis) ran is rolled up from Postgres.
 */
@Injectable()
export class AnalyticsScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyticsScheduler.name);

  constructor(
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    try {
      const queue = this.jobs.queue(QUEUES.analytics);
      await queue.upsertJobScheduler(
        'rollup-catch-up',
        { every: CATCH_UP_EVERY_MS },
        { name: RollupCatchUpJob.name, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
      );
      await queue.upsertJobScheduler(
        'ensure-partitions',
        { pattern: '17 3 * * *', tz: 'UTC' },
        { name: EnsurePartitionsJob.name, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
      );
      await this.jobs.enqueue(RollupCatchUpJob, {}, { removeOnComplete: true });
      await this.jobs.enqueue(EnsurePartitionsJob, {}, { removeOnComplete: true });
    } catch (error) {
      this.logger.warn(`Could not schedule analytics jobs: ${(error as Error).message}`);
    }
  }
}
