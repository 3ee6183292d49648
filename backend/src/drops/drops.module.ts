import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CouponsModule } from '../coupons/coupons.module';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { LedgerModule } from '../ledger/ledger.module';
import { NegotiationModule } from '../negotiation/negotiation.module';
import { StreamHooks } from '../streams/stream-hooks';
import { CampaignHooks } from '../campaigns/campaign-hooks';
import { StreamsModule } from '../streams/streams.module';
import { DropClaimBatches } from './drop-claim-batches';
import { DropOwners } from './drop-owners';
import { DropClaims } from './drop-claims.service';
import { DropEvents } from './drop-events';
import { DropQueries } from './drop-queries.service';
import { DropScheduling } from './drop-scheduling.service';
import { DropSettlement } from './drop-settlement.service';
import { DropTriggers } from './drop-triggers.service';
import { DROP_ENTITIES } from './drop.entity';
import { DropJobsRestorer, DropsProcessor } from './drops.processor';
import {
  CampaignDropsResolver,
  DropCouponPoolResolver,
  RedemptionDropResolver,
  StreamDropsResolver,
} from './graphql/drop-fields.resolver';
import { DropClaimResolver, DropResolver } from './graphql/drop.resolver';
import { DropClaimsController } from './rest/drop-claims.controller';

/** Sponsored rose drops: scheduling with budget reservation, triggers, claim bursts, settlement. */
@Module({
  imports: [
    TypeOrmModule.forFeature(DROP_ENTITIES),
    CampaignsModule,
    StreamsModule,
    LedgerModule,
    NegotiationModule,
    CouponsModule,
  ],
  controllers: [DropClaimsController],
  providers: [
    DropEvents,
    DropSettlement,
    DropScheduling,
    DropTriggers,
    DropClaims,
    DropClaimBatches,
    DropOwners,
    DropQueries,
    DropResolver,
    DropClaimResolver,
    CampaignDropsResolver,
    StreamDropsResolver,
    DropCouponPoolResolver,
    RedemptionDropResolver,
    DropsProcessor,
    DropJobsRestorer,
  ],
  exports: [DropTriggers, DropQueries, DropScheduling, DropClaims],
})
export class DropsModule implements OnModuleInit {
  constructor(
    private readonly access: AccessPolicy,
    private readonly queries: DropQueries,
    private readonly triggers: DropTriggers,
    private readonly streamHooks: StreamHooks,
    private readonly campaignHooks: CampaignHooks,
  ) {}

  onModuleInit(): void {
    this.access.register('drop', (ids) => this.queries.owners(ids));
    this.streamHooks.onStatusChanged((streamId, status) => this.triggers.onStreamStatus(streamId, status));
    this.campaignHooks.onClosing((campaignId, status) => this.triggers.onCampaignClosing(campaignId, status));
  }
}
