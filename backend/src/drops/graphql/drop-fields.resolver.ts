import { DropStatus } from '@bouquet/shared';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { CampaignType } from '../../campaigns/graphql/campaign.types';
import { StreamType } from '../../streams/graphql/stream.types';
import { DropQueries } from '../drop-queries.service';
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
