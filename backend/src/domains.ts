import type { Type } from '@nestjs/common';
import { AnalyticsModule } from './analytics/analytics.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { CreatorsModule } from './creators/creators.module';
import { CouponsModule } from './coupons/coupons.module';
import { DemoModule } from './demo/demo.module';
import { DropsModule } from './drops/drops.module';
import { ExportsModule } from './exports/exports.module';
import { IdentityModule } from './identity/identity.module';
import { IngestModule } from './ingest/ingest.module';
import { LedgerModule } from './ledger/ledger.module';
import { NegotiationModule } from './negotiation/negotiation.module';
import { NotificationsModule } from './notifications/notifications.module';
import { StreamsModule } from './streams/streams.module';

/** The domain modules, in dependency order. Each owns its tables, resolvers, REST paths and jobs. */
export const DOMAIN_MODULES: Type[] = [
  IdentityModule,
  NotificationsModule,
  CreatorsModule,
  StreamsModule,
  LedgerModule,
  CampaignsModule,
  NegotiationModule,
  ExportsModule,
  CouponsModule,
  DropsModule,
  AnalyticsModule,
  IngestModule,
  DemoModule,
];
