import { Args, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { AccessPolicy } from '../access/access-policy.service';
import { IdentityLoaders } from '../organizations/identity.loaders';
import { OrganizationsService } from '../organizations/organizations.service';
import { OrganizationType } from './identity.types';

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly loaders: IdentityLoaders,
    private readonly access: AccessPolicy,
  ) {}

  @Query(() => OrganizationType)
  organization(
    @Args('id', { type: () => ID }) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<OrganizationType> {
    return this.organizations.getVisible(actor, id);
  }

  @ResolveField(() => [OrganizationType], {
    description: 'For an agency: the brands that granted it access.',
  })
  async managedBrands(
    @Parent() org: OrganizationType,
    @CurrentActor() actor: Actor,
    @Ctx() ctx: RequestContext,
  ) {
    // Relationships are shown only to the organization's own members.
    if (!(await this.access.roleIn(actor, org.id))) return [];
    return this.loaders.grantPartners(ctx, 'brands').load(org.id);
  }

  @ResolveField(() => [OrganizationType], { description: 'For a brand: the agencies it granted access to.' })
  async agencies(@Parent() org: OrganizationType, @CurrentActor() actor: Actor, @Ctx() ctx: RequestContext) {
    if (!(await this.access.roleIn(actor, org.id))) return [];
    return this.loaders.grantPartners(ctx, 'agencies').load(org.id);
  }
}
