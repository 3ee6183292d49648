import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CreatorsLoaders } from '../../creators/creators.loaders';
import { toCreatorType } from '../../creators/graphql/creator.resolver';
import { CreatorType } from '../../creators/graphql/creator.types';
import type { Actor } from '../../platform/auth/actor';
import type { RequestContext } from '../../platform/auth/request-context';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import { RedeemCouponInput, ValidateCouponInput } from '../dto/coupon.inputs';
import { RedeemCouponService } from '../redemption/redeem-coupon.service';
import { RedemptionView } from '../redemption/redemption.view';
import { RollbackRedemptionService } from '../redemption/rollback-redemption.service';
import { ValidateCouponService } from '../redemption/validate-coupon.service';
import { CouponValidationType, RedemptionType } from './coupon.types';

function toRedemptionType(view: RedemptionView): RedemptionType {
  return {
    ...view,
    redeemedAt: new Date(view.redeemedAt),
    rolledBackAt: view.rolledBackAt ? new Date(view.rolledBackAt) : null,
  };
}

@Resolver(() => RedemptionType)
export class RedemptionResolver {
  constructor(
    private readonly validator: ValidateCouponService,
    private readonly redeemer: RedeemCouponService,
    private readonly rollbacks: RollbackRedemptionService,
    private readonly creators: CreatorsLoaders,
  ) {}

  @ResolveField(() => CreatorType, { nullable: true })
  async creator(@Parent() redemption: RedemptionType, @Ctx() ctx: RequestContext) {
    if (!redemption.creatorId) return null;
    const creator = await this.creators.byId(ctx).load(redemption.creatorId);
    return creator ? toCreatorType(creator) : null;
  }

  @Mutation(() => CouponValidationType)
  validateCoupon(
    @Args('input') input: ValidateCouponInput,
    @CurrentActor() actor: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    return this.validator.validate(actor, input, ctx.ip);
  }

  @Mutation(() => RedemptionType)
  async redeemCoupon(@Args('input') input: RedeemCouponInput, @CurrentActor() actor: Actor) {
    const { redemption } = await this.redeemer.redeem(actor, input);
    return toRedemptionType(redemption);
  }

  @Mutation(() => RedemptionType)
  async rollbackRedemption(
    @Args('redemptionId', { type: () => ID }) redemptionId: string,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @CurrentActor() actor: Actor,
  ) {
    return toRedemptionType(await this.rollbacks.rollback(actor, redemptionId, reason));
  }
}
