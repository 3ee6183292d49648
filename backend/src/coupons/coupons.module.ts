import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CreatorsModule } from '../creators/creators.module';
import { ExportsModule } from '../exports/exports.module';
import { NegotiationModule } from '../negotiation/negotiation.module';
import { StreamsModule } from '../streams/streams.module';
import { COUPON_ENTITIES } from './entities';
import { CouponCodesExport } from './exports/coupon-codes-export';
import { CouponsProcessor } from './generation/coupons.processor';
import { GenerateCodesService } from './generation/generate-codes.service';
import { GenerationQueue } from './generation/generation-queue.service';
import { CampaignCouponPoolsResolver } from './graphql/campaign-coupon-pools.resolver';
import { CouponPoolResolver } from './graphql/coupon-pool.resolver';
import { RedemptionResolver } from './graphql/redemption.resolver';
import { AssignCouponPoolService } from './pools/assign-coupon-pool.service';
import { CampaignLookup } from './pools/campaign-lookup';
import { CouponAccess } from './pools/coupon-access';
import { CouponIssuer } from './pools/coupon-issuer.service';
import { CouponPoolCounters } from './pools/coupon-pool-counters';
import { CouponPoolLoaders } from './pools/coupon-pool-loaders';
import { CouponPoolsService } from './pools/coupon-pools.service';
import { CouponGuard } from './redemption/coupon-guard';
import { CouponLookup } from './redemption/coupon-lookup';
import { RedeemCouponService } from './redemption/redeem-coupon.service';
import { RedemptionBatches } from './redemption/redemption-batches';
import { RollbackRedemptionService } from './redemption/rollback-redemption.service';
import { ValidateCouponService } from './redemption/validate-coupon.service';
import { CouponsController } from './rest/coupons.controller';

/**
 * Coupon pools, million-code generation (a job on the `coupons` queue), validation, idempotent
 * redemption and rollback (invariant 3), creator assignment and the COUPON_CODES export. Other
 * domains use `CouponIssuer` (drops issue codes) and `CouponPoolLoaders` (`Drop.couponPool`).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(COUPON_ENTITIES),
    CreatorsModule,
    StreamsModule,
    CampaignsModule,
    NegotiationModule,
    ExportsModule,
  ],
  controllers: [CouponsController],
  providers: [
    CouponAccess,
    CampaignLookup,
    CouponPoolsService,
    AssignCouponPoolService,
    CouponPoolLoaders,
    CouponPoolCounters,
    CouponIssuer,
    GenerateCodesService,
    GenerationQueue,
    CouponsProcessor,
    CouponLookup,
    CouponGuard,
    ValidateCouponService,
    RedeemCouponService,
    RedemptionBatches,
    RollbackRedemptionService,
    CouponCodesExport,
    CouponPoolResolver,
    CampaignCouponPoolsResolver,
    RedemptionResolver,
  ],
  exports: [
    CouponIssuer,
    CouponPoolsService,
    CouponPoolLoaders,
    RedeemCouponService,
    RollbackRedemptionService,
  ],
})
export class CouponsModule {}
