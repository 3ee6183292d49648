import { OfferStatus, roundToCurrency } from '@bouquet/shared';
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
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { NotFoundError } from '../../platform/errors';
import { PubSubService } from '../../platform/pubsub/pubsub.service';
import { CampaignsService } from '../../campaigns/campaigns.service';
import { toCampaignType } from '../../campaigns/graphql/campaign.resolver';
import { CampaignType } from '../../campaigns/graphql/campaign.types';
import { CreatorsLoaders } from '../../creators/creators.loaders';
import { toCreatorType } from '../../creators/graphql/creator.resolver';
import { CreatorType } from '../../creators/graphql/creator.types';
import { IdentityLoaders } from '../../identity/organizations/identity.loaders';
import { UserType } from '../../identity/graphql/identity.types';
import { OfferTermsInput, SendOfferInput } from '../dto/offer.inputs';
import type { OfferContext } from '../offer-context';
import { OfferLoaders } from '../offer-loaders';
import { OfferQueries } from '../offer-queries.service';
import type { OfferRevisionEntity } from '../offer.entities';
import { offerTopic, OffersService } from '../offers.service';
import {
  OfferConnection,
  OfferMessageType,
  OfferRevisionType,
  OfferTermsType,
  OfferType,
} from './offer.types';

export function toOfferType(offer: OfferContext): OfferType {
  return { ...offer, awaitingResponseFrom: offer.awaiting };
}

export function toTerms(r: OfferRevisionEntity): OfferTermsType {
  return {
    fee: { amount: roundToCurrency(r.feeAmount, r.currency), currency: r.currency },
    streamCount: r.streamCount,
    roseAllowance: r.roseAllowance,
    couponDiscountPercent: r.couponDiscountPercent,
    deliverables: r.deliverables,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
  };
}

@Resolver(() => OfferType)
export class OfferResolver {
  constructor(
    private readonly commands: OffersService,
    private readonly queries: OfferQueries,
    private readonly loaders: OfferLoaders,
    private readonly campaigns: CampaignsService,
    private readonly creators: CreatorsLoaders,
    private readonly pubsub: PubSubService,
  ) {}

  @Query(() => OfferConnection)
  async offers(
    @CurrentActor() actor: Actor,
    @Args('campaignId', { type: () => ID, nullable: true }) campaignId?: string,
    @Args('creatorId', { type: () => ID, nullable: true }) creatorId?: string,
    @Args('status', { type: () => OfferStatus, nullable: true }) status?: OfferStatus,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<OfferConnection> {
    const page = await this.queries.list(actor, { campaignId, creatorId, status }, first, after);
    return { ...page, nodes: page.nodes.map(toOfferType) };
  }

  @Query(() => OfferType)
  async offer(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toOfferType(await this.queries.get(actor, id));
  }

  @Mutation(() => OfferType)
  async sendOffer(@Args('input') input: SendOfferInput, @CurrentActor() actor: Actor) {
    return toOfferType(await this.commands.send(actor, input));
  }

  @Mutation(() => OfferType)
  async counterOffer(
    @Args('offerId', { type: () => ID }) offerId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('terms') terms: OfferTermsInput,
    @CurrentActor() actor: Actor,
    @Args('message', { type: () => String, nullable: true }) message?: string,
  ) {
    return toOfferType(await this.commands.counter(actor, offerId, expectedVersion, terms, message));
  }

  @Mutation(() => OfferType)
  async acceptOffer(
    @Args('offerId', { type: () => ID }) offerId: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @CurrentActor() actor: Actor,
  ) {
    return toOfferType(await this.commands.accept(actor, offerId, expectedVersion));
  }

  @Mutation(() => OfferType)
  async declineOffer(
    @Args('offerId', { type: () => ID }) offerId: string,
    @CurrentActor() actor: Actor,
    @Args('reason', { type: () => String, nullable: true }) reason?: string,
  ) {
    return toOfferType(await this.commands.decline(actor, offerId, reason));
  }

  @Mutation(() => OfferType)
  async withdrawOffer(@Args('offerId', { type: () => ID }) offerId: string, @CurrentActor() actor: Actor) {
    return toOfferType(await this.commands.withdraw(actor, offerId));
  }

  @Mutation(() => OfferMessageType)
  postOfferMessage(
    @Args('offerId', { type: () => ID }) offerId: string,
    @Args('body') body: string,
    @CurrentActor() actor: Actor,
  ) {
    return this.commands.postMessage(actor, offerId, body);
  }

  @Subscription(() => OfferType, {
    resolve(this: OfferResolver, payload: { offerId: string }, _args: unknown, ctx: RequestContext) {
      ctx.loaders.clear(); // one context per subscription: each event reads fresh
      return this.queries.get(ctx.actor as Actor, payload.offerId).then(toOfferType);
    },
  })
  async offerUpdated(@Args('offerId', { type: () => ID }) offerId: string, @CurrentActor() actor: Actor) {
    await this.queries.get(actor, offerId);
    return this.pubsub.asyncIterator(offerTopic(offerId));
  }

  @ResolveField(() => CampaignType)
  async campaign(@Parent() offer: OfferType, @Ctx() ctx: RequestContext) {
    const campaign = await this.campaigns.loader(ctx).load(offer.campaignId);
    if (!campaign) throw new NotFoundError('Campaign', offer.campaignId);
    return toCampaignType(campaign);
  }

  @ResolveField(() => CreatorType)
  async creator(@Parent() offer: OfferType, @Ctx() ctx: RequestContext) {
    const creator = await this.creators.byId(ctx).load(offer.creatorId);
    if (!creator) throw new NotFoundError('Creator', offer.creatorId);
    return toCreatorType(creator);
  }

  @ResolveField(() => OfferTermsType)
  async currentTerms(@Parent() offer: OfferType, @Ctx() ctx: RequestContext) {
    const revisions = await this.loaders.revisions(ctx).load(offer.id);
    return toTerms(revisions[revisions.length - 1]);
  }

  @ResolveField(() => [OfferRevisionType])
  async revisions(@Parent() offer: OfferType, @Ctx() ctx: RequestContext): Promise<OfferRevisionType[]> {
    return (await this.loaders.revisions(ctx).load(offer.id)).map((r) => ({ ...r, terms: toTerms(r) }));
  }

  @ResolveField(() => [OfferMessageType])
  messages(@Parent() offer: OfferType, @Ctx() ctx: RequestContext) {
    return this.loaders.messages(ctx).load(offer.id);
  }
}

@Resolver(() => OfferMessageType)
export class OfferMessageResolver {
  constructor(private readonly identity: IdentityLoaders) {}

  @ResolveField(() => UserType)
  async author(@Parent() message: OfferMessageType, @Ctx() ctx: RequestContext) {
    const user = await this.identity.user(ctx).load(message.authorUserId);
    if (!user) throw new NotFoundError('User', message.authorUserId);
    return user;
  }
}
