import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CampaignType } from '../../campaigns/graphql/campaign.types';
import { Ctx } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { CouponPoolLoaders } from '../pools/coupon-pool-loaders';
import { CouponPoolType } from './coupon.types';

/** `Campaign.couponPools`, added by the coupons domain (campaigns knows nothing of coupons). */
@Resolver(() => CampaignType)
export class CampaignCouponPoolsResolver {
  constructor(private readonly loaders: CouponPoolLoaders) {}

  /** Oldest first; only pools the actor may read (the brand side), so a creator gets none. */
  @ResolveField(() => [CouponPoolType])
  couponPools(@Parent() campaign: CampaignType, @Ctx() ctx: RequestContext) {
    return this.loaders.byCampaign(ctx).load(campaign.id);
  }
}
