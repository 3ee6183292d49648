import { OfferStatus } from '@bouquet/shared';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../platform/auth/actor';
import { CurrentActor } from '../../platform/auth/current-actor.decorator';
import { CampaignType } from '../../campaigns/graphql/campaign.types';
import { OfferQueries } from '../offer-queries.service';
import { toOfferType } from './offer.resolver';
import { OfferConnection } from './offer.types';

/** `Campaign.offers`, added by negotiation (campaigns does not know about offers). */
@Resolver(() => CampaignType)
export class CampaignOffersResolver {
  constructor(private readonly queries: OfferQueries) {}

  @ResolveField(() => OfferConnection)
  async offers(
    @Parent() campaign: CampaignType,
    @CurrentActor() actor: Actor,
    @Args('status', { type: () => OfferStatus, nullable: true }) status?: OfferStatus,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<OfferConnection> {
    const page = await this.queries.list(actor, { campaignId: campaign.id, status }, first, after);
    return { ...page, nodes: page.nodes.map(toOfferType) };
  }
}
