import { CouponCodeStatus } from '@bouquet/shared';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { NotFoundError } from '../../platform/errors';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { toCampaignType } from '../../campaigns/graphql/campaign.resolver';
import { CampaignType } from '../../campaigns/graphql/campaign.types';
import { CreatorsLoaders } from '../../creators/creators.loaders';
import { CreatorType } from '../../creators/graphql/creator.types';
import { toCreatorType } from '../../creators/graphql/creator.resolver';
import { ExportsService } from '../../exports/exports.service';
import { ExportType, toExportType } from '../../exports/graphql/export.types';
import { AccessPolicy } from '../../identity/access/access-policy.service';
import { CreateCouponPoolInput } from '../dto/coupon.inputs';
import { COUPON_CODES_EXPORT } from '../exports/coupon-codes-export';
import { AssignCouponPoolService } from '../pools/assign-coupon-pool.service';
import { CouponPoolCounters } from '../pools/coupon-pool-counters';
import { CouponPoolsService } from '../pools/coupon-pools.service';
import { CouponCodeConnection, CouponPoolType } from './coupon.types';

@Resolver(() => CouponPoolType)
export class CouponPoolResolver {
  constructor(
    private readonly pools: CouponPoolsService,
    private readonly assignment: AssignCouponPoolService,
    private readonly exports: ExportsService,
    private readonly access: AccessPolicy,
    private readonly creators: CreatorsLoaders,
    private readonly campaigns: CampaignsService,
    private readonly counters: CouponPoolCounters,
  ) {}

  @ResolveField(() => Int)
  issuedCount(@Parent() pool: CouponPoolType, @Ctx() ctx: RequestContext) {
    return this.counters.issued(ctx).load(pool.id);
  }

  @ResolveField(() => Int)
  redemptionCount(@Parent() pool: CouponPoolType, @Ctx() ctx: RequestContext) {
    return this.counters.redeemed(ctx).load(pool.id);
  }

  @ResolveField(() => CampaignType)
  async campaign(@Parent() pool: CouponPoolType, @Ctx() ctx: RequestContext) {
    const campaign = await this.campaigns.loader(ctx).load(pool.campaignId);
    if (!campaign) throw new NotFoundError('Campaign', pool.campaignId);
    return toCampaignType(campaign);
  }

  @ResolveField(() => CreatorType, {
    nullable: true,
    description: 'Codes bound to one creator, for attribution.',
  })
  async creator(@Parent() pool: CouponPoolType, @Ctx() ctx: RequestContext) {
    if (!pool.creatorId) return null;
    const creator = await this.creators.byId(ctx).load(pool.creatorId);
    return creator ? toCreatorType(creator) : null;
  }

  @Query(() => CouponPoolType)
  couponPool(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return this.pools.get(actor, id);
  }

  @Query(() => CouponCodeConnection)
  couponCodes(
    @CurrentActor() actor: Actor,
    @Args('poolId', { type: () => ID }) poolId: string,
    @Args('status', { type: () => CouponCodeStatus, nullable: true }) status: CouponCodeStatus | null,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    return this.pools.listCodes(actor, poolId, status, first, after);
  }

  @Mutation(() => CouponPoolType)
  createCouponPool(@Args('input') input: CreateCouponPoolInput, @CurrentActor() actor: Actor) {
    this.access.requireUser(actor);
    return this.pools.create(actor, input);
  }

  @Mutation(() => CouponPoolType)
  assignCouponPool(
    @Args('poolId', { type: () => ID }) poolId: string,
    @Args('creatorId', { type: () => ID }) creatorId: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.assignment.assign(actor, poolId, creatorId);
  }

  @Mutation(() => ExportType)
  async exportCouponCodes(@Args('poolId', { type: () => ID }) poolId: string, @CurrentActor() actor: Actor) {
    return toExportType(await this.exports.request(actor, COUPON_CODES_EXPORT, { poolId }));
  }
}
