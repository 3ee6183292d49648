import { Injectable } from '@nestjs/common';
import { JobRestorer, RestoresJobs } from '../platform/queue/job-restorer';
import { JobsService } from '../platform/queue/jobs.service';
import { JobProcessor, QueueProcessor } from '../platform/queue/job-processor';
import { QUEUES } from '../platform/queue/queues';
import { ExpireOfferJob } from './offer.jobs';
import { OffersService } from './offers.service';

@QueueProcessor(QUEUES.offers)
export class OffersProcessor extends JobProcessor {
  constructor(offers: OffersService) {
    super();
    this.handle(ExpireOfferJob, (data) => offers.expire(data.offerId));
  }
}

/** The database is the truth: re-creates the expiry job of every pending offer (fixed job ids). */
@Injectable()
@RestoresJobs('offers')
export class OfferExpiryScheduler implements JobRestorer {
  constructor(
    private readonly offers: OffersService,
    private readonly jobs: JobsService,
  ) {}

  async restoreJobs(): Promise<number> {
    const pending = await this.offers.pendingExpiries();
    for (const { id, expiresAt } of pending) {
      await this.jobs.enqueue(
        ExpireOfferJob,
        { offerId: id },
        { jobId: `expire-${id}`, delay: Math.max(0, expiresAt.getTime() - Date.now()) },
      );
    }
    return pending.length;
  }
}
