import { DropStatus, roundToCurrency } from '@bouquet/shared';
import {
  Args,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
  Subscription,
} from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { NotFoundError } from '../../platform/errors';
import { PubSubService } from '../../platform/pubsub/pubsub.service';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { toCampaignType } from '../../campaigns/graphql/campaign.resolver';
import { CampaignType } from '../../campaigns/graphql/campaign.types';
import { StreamsService } from '../../streams/streams.service';
import { toStreamType } from '../../streams/graphql/stream.resolver';
import { StreamType } from '../../streams/graphql/stream.types';
import { ScheduleDropInput } from '../dto/schedule-drop.input';
import { DropClaims } from '../drop-claims.service';
import { dropTopic } from '../drop-events';
import { DropQueries } from '../drop-queries.service';
import { DropScheduling } from '../drop-scheduling.service';
import { DropTriggers } from '../drop-triggers.service';
import type { DropEntity } from '../drop.entity';
import { DropClaimType, DropConnection, DropType } from './drop.types';

export function toDropType(d: DropEntity): DropType {
  return {
    ...d,
    cost: { amount: roundToCurrency(d.cost, d.currency), currency: d.currency },
    settledClaimedRoses: d.claimedRoses,
    settledClaimCount: d.claimCount,
  };
}

@Resolver(() => DropType)
export class DropResolver {
  constructor(
    private readonly queries: DropQueries,
    private readonly scheduling: DropScheduling,
    private readonly triggers: DropTriggers,
    private readonly claims: DropClaims,
    private readonly campaigns: CampaignsService,
    private readonly streams: StreamsService,
    private readonly pubsub: PubSubService,
  ) {}

  @Query(() => DropType)
  async drop(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toDropType(await this.queries.get(actor, id));
  }

  @Query(() => DropConnection)
  async drops(
    @CurrentActor() actor: Actor,
    @Args('campaignId', { type: () => ID, nullable: true }) campaignId?: string,
    @Args('streamId', { type: () => ID, nullable: true }) streamId?: string,
    @Args('status', { type: () => DropStatus, nullable: true }) status?: DropStatus,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<DropConnection> {
    const page = await this.queries.list(actor, { campaignId, streamId, status }, first, after);
    return { ...page, nodes: page.nodes.map(toDropType) };
  }

  @Mutation(() => DropType)
  async scheduleDrop(@Args('input') input: ScheduleDropInput, @CurrentActor() actor: Actor) {
    return toDropType(await this.scheduling.schedule(actor, input));
  }

  @Mutation(() => DropType)
  async openDrop(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toDropType(await this.triggers.openManually(actor, id));
  }

  @Mutation(() => DropType)
  async cancelDrop(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toDropType(await this.scheduling.cancel(actor, id));
  }

  @Mutation(() => DropClaimType, {
    description:
      'Called by the stream-side integration (API key with DROPS_CLAIM) or a member of the creator.',
  })
  claimDrop(
    @Args('dropId', { type: () => ID }) dropId: string,
    @Args('viewerId') viewerId: string,
    @CurrentActor() actor: Actor,
    @Args('idempotencyKey', { type: () => String, nullable: true }) idempotencyKey?: string,
  ) {
    return this.claims.claim(actor, dropId, viewerId, idempotencyKey);
  }

  @Subscription(() => DropType, {
    resolve(this: DropResolver, payload: { dropId: string }, _args: unknown, ctx: RequestContext) {
      ctx.loaders.clear(); // one context per subscription: each event reads fresh
      return this.queries.get(ctx.actor as Actor, payload.dropId).then(toDropType);
    },
  })
  async dropUpdated(@Args('dropId', { type: () => ID }) dropId: string, @CurrentActor() actor: Actor) {
    await this.queries.get(actor, dropId);
    return this.pubsub.asyncIterator(dropTopic(dropId));
  }

  private live(ctx: RequestContext) {
    return this.queries.liveLoader(ctx);
  }

  @ResolveField(() => Int)
  async claimedRoses(@Parent() drop: DropType, @Ctx() ctx: RequestContext) {
    if (drop.status !== DropStatus.OPEN) return drop.settledClaimedRoses;
    return drop.roseCount - (await this.live(ctx).load(drop.id)).left;
  }

  @ResolveField(() => Int)
  async remainingRoses(@Parent() drop: DropType, @Ctx() ctx: RequestContext) {
    if (drop.status === DropStatus.OPEN) return (await this.live(ctx).load(drop.id)).left;
    return drop.status === DropStatus.SCHEDULED ? drop.roseCount : 0;
  }

  @ResolveField(() => Int)
  async claimCount(@Parent() drop: DropType, @Ctx() ctx: RequestContext) {
    if (drop.status !== DropStatus.OPEN) return drop.settledClaimCount;
    return (await this.live(ctx).load(drop.id)).claims;
  }

  @ResolveField(() => CampaignType)
  async campaign(@Parent() drop: DropType, @Ctx() ctx: RequestContext) {
    const campaign = await this.campaigns.loader(ctx).load(drop.campaignId);
    if (!campaign) throw new NotFoundError('Campaign', drop.campaignId);
    return toCampaignType(campaign);
  }

  @ResolveField(() => StreamType)
  async stream(@Parent() drop: DropType, @Ctx() ctx: RequestContext) {
    const loader = ctx.loaders.get(
      'drops.stream',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const map = new Map((await this.streams.byIds(ids)).map((s) => [s.id, s]));
          return ids.map((id) => map.get(id));
        }),
    );
    const stream = await loader.load(drop.streamId);
    if (!stream) throw new NotFoundError('Stream', drop.streamId);
    return toStreamType(stream);
  }
}

@Resolver(() => DropClaimType)
export class DropClaimResolver {
  constructor(private readonly queries: DropQueries) {}

  @ResolveField(() => DropType)
  async drop(@Parent() claim: DropClaimType) {
    const [drop] = await this.queries.byIds([claim.dropId]);
    return toDropType(drop);
  }
}
