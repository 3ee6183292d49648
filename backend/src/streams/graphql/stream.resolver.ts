import { StreamStatus } from '@bouquet/shared';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CreatorVisibility } from '../../creators/creator-visibility';
import { CreatorsLoaders } from '../../creators/creators.loaders';
import { toCreatorType } from '../../creators/graphql/creator.resolver';
import { CreatorType } from '../../creators/graphql/creator.types';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { NotFoundError } from '../../platform/errors';
import { pageSize } from '../../platform/graphql/pagination';
import { ScheduleStreamInput } from '../dto/schedule-stream.input';
import type { StreamEntity } from '../stream.entity';
import { StreamsLoaders } from '../streams.loaders';
import { StreamsService } from '../streams.service';
import { StreamConnection, StreamType } from './stream.types';

const MAX_INT = 2 ** 31 - 1;

export function toStreamType(stream: StreamEntity): StreamType {
  return {
    id: stream.id,
    creatorId: stream.creatorId,
    title: stream.title,
    externalId: stream.externalId,
    status: stream.status,
    scheduledStartAt: stream.scheduledStartAt,
    startedAt: stream.startedAt,
    endedAt: stream.endedAt,
    giftedRoses: Math.min(Number(stream.giftedRoses), MAX_INT),
    peakViewers: stream.peakViewers,
  };
}

@Resolver(() => StreamType)
export class StreamResolver {
  constructor(
    private readonly service: StreamsService,
    private readonly creatorsLoaders: CreatorsLoaders,
  ) {}

  @Query(() => StreamType)
  async stream(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toStreamType(await this.service.get(actor, id));
  }

  @Query(() => StreamConnection)
  async streams(
    @CurrentActor() actor: Actor,
    @Args('creatorId', { type: () => ID, nullable: true }) creatorId?: string,
    @Args('status', { type: () => StreamStatus, nullable: true }) status?: StreamStatus,
    @Args('from', { type: () => Date, nullable: true }) from?: Date,
    @Args('to', { type: () => Date, nullable: true }) to?: Date,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<StreamConnection> {
    const page = await this.service.list(actor, { creatorId, status, from, to }, first, after);
    return { ...page, nodes: page.nodes.map(toStreamType) };
  }

  @Mutation(() => StreamType)
  async scheduleStream(@Args('input') input: ScheduleStreamInput, @CurrentActor() actor: Actor) {
    return toStreamType(await this.service.schedule(actor, input));
  }

  @Mutation(() => StreamType)
  async startStream(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toStreamType(await this.service.transitionAs(actor, id, StreamStatus.LIVE));
  }

  @Mutation(() => StreamType)
  async endStream(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toStreamType(await this.service.transitionAs(actor, id, StreamStatus.ENDED));
  }

  @Mutation(() => StreamType)
  async cancelStream(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toStreamType(await this.service.transitionAs(actor, id, StreamStatus.CANCELLED));
  }

  @ResolveField(() => CreatorType)
  async creator(@Parent() stream: StreamType, @Ctx() ctx: RequestContext) {
    const creator = await this.creatorsLoaders.byId(ctx).load(stream.creatorId);
    if (!creator) throw new NotFoundError('Creator', stream.creatorId);
    return toCreatorType(creator);
  }
}

/** `Creator.streams`: visible to the creator's members and to brand and agency members. */
@Resolver(() => CreatorType)
export class CreatorStreamsResolver {
  constructor(
    private readonly loaders: StreamsLoaders,
    private readonly visibility: CreatorVisibility,
  ) {}

  @ResolveField(() => StreamConnection)
  async streams(
    @Parent() creator: CreatorType,
    @CurrentActor() actor: Actor,
    @Ctx() ctx: RequestContext,
    @Args('status', { type: () => StreamStatus, nullable: true }) status?: StreamStatus,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<StreamConnection> {
    pageSize(first, 20);
    if (!(await this.visibility.canReadStreamsOf(actor, creator.organizationId)))
      return { nodes: [], totalCount: 0, pageInfo: { endCursor: null, hasNextPage: false } };
    const page = await this.loaders
      .creatorStreams(ctx)
      .load({ creatorId: creator.id, status: status ?? null, first: first ?? 20, after: after ?? null });
    return { ...page, nodes: page.nodes.map(toStreamType) };
  }
}
