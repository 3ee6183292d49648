import { Injectable } from '@nestjs/common';
import { JobsService } from '../../platform/queue/jobs.service';
import { GenerateCouponCodesJob } from './coupon.jobs';

/** Enqueues the generation of a pool with jobId = pool id, so duplicates collapse. */
@Injectable()
export class GenerationQueue {
  constructor(private readonly jobs: JobsService) {}

  /**
   * `restart` replaces a finished or failed job of the same id (BullMQ keeps those for a while and
   * would otherwise ignore the new one); a waiting or active job is left alone.
   */
  async enqueue(poolId: string, options: { restart?: boolean } = {}): Promise<void> {
    if (options.restart) {
      const existing = await this.jobs.queue(GenerateCouponCodesJob.queue).getJob(poolId);
      if (existing && ((await existing.isCompleted()) || (await existing.isFailed())))
        await existing.remove();
    }
    await this.jobs.enqueue(GenerateCouponCodesJob, { poolId }, { jobId: poolId });
  }
}
