import { CampaignStatus } from '@bouquet/shared';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganizationType } from '../../identity/graphql/identity.types';
import { IdentityLoaders } from '../../identity/organizations/identity.loaders';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { NotFoundError } from '../../platform/errors';
import type { CampaignEntity } from '../campaign.entity';
import { campaignMoney } from '../campaign-money';
import type { CampaignAction } from '../campaign-transitions';
import { CampaignsService } from '../campaigns.service';
import { CreateCampaignInput, UpdateCampaignInput } from '../dto/campaign.input';
import { CampaignConnection, CampaignType } from './campaign.types';

export function toCampaignType(c: CampaignEntity): CampaignType {
  return {
    id: c.id,
    brandId: c.brandId,
    name: c.name,
    brief: c.brief,
    objective: c.objective,
    status: c.status,
    ...campaignMoney(c),
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

@Resolver(() => CampaignType)
export class CampaignResolver {
  constructor(
    private readonly service: CampaignsService,
    private readonly identityLoaders: IdentityLoaders,
  ) {}

  @Query(() => CampaignType)
  async campaign(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toCampaignType(await this.service.get(actor, id));
  }

  @Query(() => CampaignConnection)
  async campaigns(
    @CurrentActor() actor: Actor,
    @Args('brandId', { type: () => ID, nullable: true }) brandId?: string,
    @Args('status', { type: () => CampaignStatus, nullable: true }) status?: CampaignStatus,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<CampaignConnection> {
    const page = await this.service.list(actor, brandId, status, first, after);
    return { ...page, nodes: page.nodes.map(toCampaignType) };
  }

  @Mutation(() => CampaignType)
  async createCampaign(@Args('input') input: CreateCampaignInput, @CurrentActor() actor: Actor) {
    return toCampaignType(await this.service.create(actor, input));
  }

  @Mutation(() => CampaignType)
  async updateCampaign(
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateCampaignInput,
    @CurrentActor() actor: Actor,
  ) {
    return toCampaignType(await this.service.update(actor, id, input));
  }

  @Mutation(() => CampaignType)
  launchCampaign(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return this.act(actor, id, 'launch');
  }

  @Mutation(() => CampaignType)
  pauseCampaign(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return this.act(actor, id, 'pause');
  }

  @Mutation(() => CampaignType)
  resumeCampaign(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return this.act(actor, id, 'resume');
  }

  @Mutation(() => CampaignType)
  completeCampaign(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return this.act(actor, id, 'complete');
  }

  @Mutation(() => CampaignType)
  cancelCampaign(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return this.act(actor, id, 'cancel');
  }

  @ResolveField(() => OrganizationType)
  async brand(@Parent() campaign: CampaignType, @Ctx() ctx: RequestContext) {
    const org = await this.identityLoaders.organization(ctx).load(campaign.brandId);
    if (!org) throw new NotFoundError('Organization', campaign.brandId);
    return org;
  }

  private async act(actor: Actor, id: string, action: CampaignAction): Promise<CampaignType> {
    return toCampaignType(await this.service.transition(actor, id, action));
  }
}
