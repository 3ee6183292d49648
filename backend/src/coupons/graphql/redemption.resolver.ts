import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { toCampaignType } from '../../campaigns/graphql/campaign.resolver';
import { CampaignType } from '../../campaigns/graphql/campaign.types';
import { CreatorsLoaders } from '../../creators/creators.loaders';
import { toCreatorType } from '../../creators/graphql/creator.resolver';
import { CreatorType } from '../../creators/graphql/creator.types';
import type { Actor } from '../../platform/auth/actor';
import type { RequestContext } from '../../platform/auth/request-context';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import { NotFoundError } from '../../platform/errors';
import { toStreamType } from '../../streams/graphql/stream.resolver';
import { StreamType } from '../../streams/graphql/stream.types';
import type { StreamEntity } from '../../streams/stream.entity';
import { StreamsService } from '../../streams/streams.service';
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
    private readonly campaigns: CampaignsService,
    private readonly streams: StreamsService,
  ) {}

  @ResolveField(() => CampaignType)
  async campaign(@Parent() redemption: RedemptionType, @Ctx() ctx: RequestContext) {
    const campaign = await this.campaigns.loader(ctx).load(redemption.campaignId);
    if (!campaign) throw new NotFoundError('Campaign', redemption.campaignId);
    return toCampaignType(campaign);
  }

  @ResolveField(() => StreamType, {
    nullable: true,
    description: 'The stream and drop the code was handed out in, when it came from a drop.',
  })
  async stream(@Parent() redemption: RedemptionType, @Ctx() ctx: RequestContext) {
    if (!redemption.streamId) return null;
    const loader = ctx.loaders.get(
      'coupons.redemptionStream',
      () =>
        new DataLoader<string, StreamEntity | undefined>(async (ids) => {
          const byId = new Map((await this.streams.byIds(ids)).map((s) => [s.id, s]));
          return ids.map((id) => byId.get(id));
        }),
    );
    const stream = await loader.load(redemption.streamId);
    return stream ? toStreamType(stream) : null;
  }

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
