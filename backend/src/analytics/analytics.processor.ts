import { Injectable } from '@nestjs/common';
import { JobRestorer, RestoresJobs } from '../platform/queue/job-restorer';
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
    // Daily: the next days' partitions, and the viewer sets of minutes too old to get events.
    this.handle(EnsurePartitionsJob, async () => ({
      created: await rollups.ensurePartitions(),
      prunedViewers: await rollups.pruneViewerSets(),
    }));
  }
}

/**
 * Registers the repeatable catch-up and partition jobs and catches up right away, so whatever was
 * ingested while no worker (or no Redis) ran is rolled up from Postgres. Run by `QueueRecovery`
 * at worker boot and whenever Redis lost the queue data.
 */
@Injectable()
@RestoresJobs('analytics')
export class AnalyticsScheduler implements JobRestorer {
  constructor(private readonly jobs: JobsService) {}

  async restoreJobs(): Promise<number> {
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
    return 4;
  }
}
