import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
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

/** The database is the truth: a worker re-creates the expiry job of every pending offer at start. */
@Injectable()
export class OfferExpiryScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly offers: OffersService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorkers) return;
    for (const { id, expiresAt } of await this.offers.pendingExpiries()) {
      await this.jobs.enqueue(
        ExpireOfferJob,
        { offerId: id },
        { jobId: `expire-${id}`, delay: Math.max(0, expiresAt.getTime() - Date.now()) },
      );
    }
  }
}
