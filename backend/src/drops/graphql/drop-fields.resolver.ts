import { DropStatus } from '@bouquet/shared';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { CampaignType } from '../../campaigns/graphql/campaign.types';
import { CouponPoolType, RedemptionType } from '../../coupons/graphql/coupon.types';
import { CouponPoolLoaders } from '../../coupons/pools/coupon-pool-loaders';
import { StreamType } from '../../streams/graphql/stream.types';
import { DropQueries } from '../drop-queries.service';
import type { DropEntity } from '../drop.entity';
import { toDropType } from './drop.resolver';
import { DropConnection, DropType } from './drop.types';

/** `Campaign.drops`, added by the drops domain. */
@Resolver(() => CampaignType)
export class CampaignDropsResolver {
  constructor(private readonly queries: DropQueries) {}

  @ResolveField(() => DropConnection)
  async drops(
    @Parent() campaign: CampaignType,
    @CurrentActor() actor: Actor,
    @Args('status', { type: () => DropStatus, nullable: true }) status?: DropStatus,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<DropConnection> {
    const page = await this.queries.list(actor, { campaignId: campaign.id, status }, first, after);
    return { ...page, nodes: page.nodes.map(toDropType) };
  }
}

/** `Stream.drops`: every drop of the stream the actor may see, through one query per request. */
@Resolver(() => StreamType)
export class StreamDropsResolver {
  constructor(private readonly queries: DropQueries) {}

  @ResolveField(() => [DropType])
  async drops(
    @Parent() stream: StreamType,
    @CurrentActor() actor: Actor,
    @Ctx() ctx: RequestContext,
  ): Promise<DropType[]> {
    const loader = ctx.loaders.get('drops.byStream', () => this.queries.byStreamLoader(actor));
    return (await loader.load(stream.id)).map(toDropType);
  }
}

/**
 * `Drop.couponPool`, batched per request. Only the brand side may read pools, so the creator
 * of the stream sees the drop without its pool (null).
 */
@Resolver(() => DropType)
export class DropCouponPoolResolver {
  constructor(private readonly pools: CouponPoolLoaders) {}

  @ResolveField(() => CouponPoolType, { nullable: true })
  async couponPool(@Parent() drop: DropType, @Ctx() ctx: RequestContext) {
    if (!drop.couponPoolId) return null;
    return this.pools.byId(ctx).load(drop.couponPoolId);
  }
}

/** `Redemption.drop` (coupons cannot depend on drops, so drops adds it), batched per request. */
@Resolver(() => RedemptionType)
export class RedemptionDropResolver {
  constructor(private readonly queries: DropQueries) {}

  @ResolveField(() => DropType, {
    nullable: true,
    description: 'The drop whose claim handed out the code, when it came from a drop.',
  })
  async drop(@Parent() redemption: RedemptionType, @Ctx() ctx: RequestContext): Promise<DropType | null> {
    if (!redemption.dropId) return null;
    const loader = ctx.loaders.get(
      'drops.byId',
      () =>
        new DataLoader<string, DropEntity | undefined>(async (ids) => {
          const byId = new Map((await this.queries.byIds(ids)).map((d) => [d.id, d]));
          return ids.map((id) => byId.get(id));
        }),
    );
    const drop = await loader.load(redemption.dropId);
    return drop ? toDropType(drop) : null;
  }
}
