import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CouponsModule } from '../coupons/coupons.module';
import { CreatorsModule } from '../creators/creators.module';
import { DropsModule } from '../drops/drops.module';
import { IngestModule } from '../ingest/ingest.module';
import { NegotiationModule } from '../negotiation/negotiation.module';
import { StreamsModule } from '../streams/streams.module';
import { DemoClock } from './demo-clock';
import { DemoDrops } from './demo-drops';
import { DemoNegotiations } from './demo-negotiations';
import { DemoSeeder } from './demo-seeder.service';
import { DemoStreams } from './demo-streams.service';

/** The demo world of `npm start` (SEED_DEMO): seeded through the other domains' services. */
@Module({
  imports: [
    CampaignsModule,
    CreatorsModule,
    StreamsModule,
    NegotiationModule,
    CouponsModule,
    DropsModule,
    AnalyticsModule,
    IngestModule,
  ],
  providers: [DemoSeeder, DemoNegotiations, DemoStreams, DemoDrops, DemoClock],
  exports: [DemoSeeder],
})
export class DemoModule {}
