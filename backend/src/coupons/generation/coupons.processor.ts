import { UnitOfWork } from '../../platform/database/unit-of-work';
import { JobProcessor, QueueProcessor } from '../../platform/queue/job-processor';
import { JobRestorer, RestoresJobs } from '../../platform/queue/job-restorer';
import { JobsService } from '../../platform/queue/jobs.service';
import { QUEUES } from '../../platform/queue/queues';
import { GenerationQueue } from './generation-queue.service';
import { GenerateCouponCodesJob, IDEMPOTENCY_RETENTION_HOURS, PurgeIdempotencyKeysJob } from './coupon.jobs';
import { GenerateCodesService } from './generate-codes.service';

@QueueProcessor(QUEUES.coupons, 2)
@RestoresJobs('coupons')
export class CouponsProcessor extends JobProcessor implements JobRestorer {
  constructor(
    generator: GenerateCodesService,
    private readonly queue: GenerationQueue,
    private readonly uow: UnitOfWork,
    private readonly jobs: JobsService,
  ) {
    super();
    this.handle(GenerateCouponCodesJob, async ({ poolId }) => ({
      status: await generator.generate(poolId),
    }));
    this.handle(PurgeIdempotencyKeysJob, async () => ({ purged: await this.purgeIdempotencyKeys() }));
  }

  async purgeIdempotencyKeys(): Promise<number> {
    const [, purged] = await this.uow.query<[unknown, number]>(
      `DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)`,
      [IDEMPOTENCY_RETENTION_HOURS],
    );
    return purged;
  }

  /**
   * Postgres is the truth: re-creates the job of every unfinished generation (PENDING, also one
   * whose job was never enqueued because Redis was down, and RUNNING) and the purge scheduler.
   */
  async restoreJobs(): Promise<number> {
    const rows = await this.uow.query<{ id: string }[]>(
      `SELECT id FROM coupon_pools WHERE generation_status IN ('PENDING', 'RUNNING') ORDER BY created_at`,
    );
    for (const { id } of rows) await this.queue.enqueue(id, { restart: true });
    await this.jobs
      .queue(QUEUES.coupons)
      .upsertJobScheduler(
        PurgeIdempotencyKeysJob.name,
        { every: 3_600_000 },
        { name: PurgeIdempotencyKeysJob.name, data: {}, opts: PurgeIdempotencyKeysJob.defaults },
      );
    return rows.length + 1;
  }
}
