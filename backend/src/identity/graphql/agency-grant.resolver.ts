import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { NotFoundError } from '../../platform/errors';
import { AccessPolicy } from '../access/access-policy.service';
import { AgencyGrantsService } from '../agencies/agency-grants.service';
import { IdentityLoaders } from '../organizations/identity.loaders';
import { AgencyGrantType, OrganizationType } from './identity.types';

@Resolver(() => AgencyGrantType)
export class AgencyGrantResolver {
  constructor(
    private readonly grants: AgencyGrantsService,
    private readonly access: AccessPolicy,
    private readonly loaders: IdentityLoaders,
  ) {}

  @Mutation(() => AgencyGrantType)
  grantAgencyAccess(
    @Args('brandId', { type: () => ID }) brandId: string,
    @Args('agencyId', { type: () => ID }) agencyId: string,
    @CurrentActor() actor: Actor,
  ): Promise<AgencyGrantType> {
    this.access.requireUser(actor);
    return this.grants.grant(actor, brandId, agencyId);
  }

  @Mutation(() => Boolean)
  revokeAgencyAccess(
    @Args('brandId', { type: () => ID }) brandId: string,
    @Args('agencyId', { type: () => ID }) agencyId: string,
    @CurrentActor() actor: Actor,
  ): Promise<boolean> {
    this.access.requireUser(actor);
    return this.grants.revoke(actor, brandId, agencyId);
  }

  @ResolveField(() => OrganizationType)
  brand(@Parent() grant: AgencyGrantType, @Ctx() ctx: RequestContext) {
    return this.org(grant.brandId, ctx);
  }

  @ResolveField(() => OrganizationType)
  agency(@Parent() grant: AgencyGrantType, @Ctx() ctx: RequestContext) {
    return this.org(grant.agencyId, ctx);
  }

  private async org(id: string, ctx: RequestContext): Promise<OrganizationType> {
    const org = await this.loaders.organization(ctx).load(id);
    if (!org) throw new NotFoundError('Organization', id);
    return org;
  }
}
