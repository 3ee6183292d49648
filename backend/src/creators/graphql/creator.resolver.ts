import { OrganizationKind } from '@bouquet/shared';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganizationType } from '../../identity/graphql/identity.types';
import { IdentityLoaders } from '../../identity/organizations/identity.loaders';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { NotFoundError } from '../../platform/errors';
import type { CreatorEntity } from '../creator.entity';
import { creatorRate, CreatorsService } from '../creators.service';
import { CreatorsLoaders } from '../creators.loaders';
import { CreatorFilter, CreatorProfileInput } from '../dto/creator-profile.input';
import { CreatorConnection, CreatorType } from './creator.types';

export function toCreatorType(creator: CreatorEntity): CreatorType {
  return {
    id: creator.id,
    organizationId: creator.organizationId,
    handle: creator.handle,
    displayName: creator.displayName,
    bio: creator.bio,
    categories: creator.categories,
    country: creator.country,
    followerCount: creator.followerCount,
    averageViewers: creator.averageViewers,
    rate: creatorRate(creator),
  };
}

@Resolver(() => CreatorType)
export class CreatorResolver {
  constructor(
    private readonly service: CreatorsService,
    private readonly identityLoaders: IdentityLoaders,
  ) {}

  @Query(() => CreatorType)
  async creator(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    return toCreatorType(await this.service.get(actor, id));
  }

  @Query(() => CreatorConnection)
  async creators(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => CreatorFilter, nullable: true }) filter?: CreatorFilter,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<CreatorConnection> {
    const page = await this.service.discover(actor, filter, first, after);
    return { ...page, nodes: page.nodes.map(toCreatorType) };
  }

  @Mutation(() => CreatorType)
  async updateCreatorProfile(
    @Args('creatorId', { type: () => ID }) creatorId: string,
    @Args('input') input: CreatorProfileInput,
    @CurrentActor() actor: Actor,
  ) {
    return toCreatorType(await this.service.updateProfile(actor, creatorId, input));
  }

  @ResolveField(() => OrganizationType)
  async organization(@Parent() creator: CreatorType, @Ctx() ctx: RequestContext) {
    const org = await this.identityLoaders.organization(ctx).load(creator.organizationId);
    if (!org) throw new NotFoundError('Organization', creator.organizationId);
    return org;
  }
}

/** `Organization.creator`: the profile of a creator organization. */
@Resolver(() => OrganizationType)
export class OrganizationCreatorResolver {
  constructor(private readonly loaders: CreatorsLoaders) {}

  @ResolveField(() => CreatorType, {
    nullable: true,
    description: 'For a creator organization, its creator profile.',
  })
  async creator(@Parent() org: OrganizationType, @Ctx() ctx: RequestContext): Promise<CreatorType | null> {
    if (org.kind !== OrganizationKind.CREATOR) return null;
    const creator = await this.loaders.byOrganization(ctx).load(org.id);
    return creator ? toCreatorType(creator) : null;
  }
}
