import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CreatorsModule } from '../creators/creators.module';
import { COUPON_ENTITIES } from './entities';
import { CouponsProcessor } from './generation/coupons.processor';
import { GenerateCodesService } from './generation/generate-codes.service';
import { GenerationQueue } from './generation/generation-queue.service';
import { CouponPoolResolver } from './graphql/coupon-pool.resolver';
import { RedemptionResolver } from './graphql/redemption.resolver';
import { CampaignLookup } from './pools/campaign-lookup';
import { CouponAccess } from './pools/coupon-access';
import { CouponIssuer } from './pools/coupon-issuer.service';
import { CouponPoolsService } from './pools/coupon-pools.service';
import { CouponGuard } from './redemption/coupon-guard';
import { CouponLookup } from './redemption/coupon-lookup';
import { RedeemCouponService } from './redemption/redeem-coupon.service';
import { RollbackRedemptionService } from './redemption/rollback-redemption.service';
import { ValidateCouponService } from './redemption/validate-coupon.service';
import { CouponsController } from './rest/coupons.controller';

/**
 * Coupon pools, million-code generation (a job on the `coupons` queue), validation, idempotent
 * redemption and rollback (invariant 3). Other domains use `CouponIssuer` (drops issue codes).
 */
@Module({
  imports: [TypeOrmModule.forFeature(COUPON_ENTITIES), CreatorsModule],
  controllers: [CouponsController],
  providers: [
    CouponAccess,
    CampaignLookup,
    CouponPoolsService,
    CouponIssuer,
    GenerateCodesService,
    GenerationQueue,
    CouponsProcessor,
    CouponLookup,
    CouponGuard,
    ValidateCouponService,
    RedeemCouponService,
    RollbackRedemptionService,
    CouponPoolResolver,
    RedemptionResolver,
  ],
  exports: [CouponIssuer, CouponPoolsService],
})
export class CouponsModule {}
