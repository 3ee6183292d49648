import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { NotFoundError } from '../../platform/errors';
import { AccessPolicy } from '../access/access-policy.service';
import type { MembershipEntity } from '../entities';
import { IdentityLoaders } from '../organizations/identity.loaders';
import { MembershipType, OrganizationType, UserType } from './identity.types';

@Resolver(() => UserType)
export class UserResolver {
  constructor(
    private readonly loaders: IdentityLoaders,
    private readonly access: AccessPolicy,
  ) {}

  @Query(() => UserType)
  async me(@CurrentActor() actor: Actor, @Ctx() ctx: RequestContext): Promise<UserType> {
    this.access.requireUser(actor);
    const user = await this.loaders.user(ctx).load(actor.userId);
    if (!user) throw new NotFoundError('User', actor.userId);
    return user;
  }

  @ResolveField(() => [MembershipType])
  memberships(@Parent() user: UserType, @Ctx() ctx: RequestContext): Promise<MembershipEntity[]> {
    return this.loaders.memberships(ctx).load(user.id);
  }
}

@Resolver(() => MembershipType)
export class MembershipResolver {
  constructor(private readonly loaders: IdentityLoaders) {}

  @ResolveField(() => OrganizationType)
  async organization(
    @Parent() membership: MembershipEntity,
    @Ctx() ctx: RequestContext,
  ): Promise<OrganizationType> {
    const org = await this.loaders.organization(ctx).load(membership.organizationId);
    if (!org) throw new NotFoundError('Organization', membership.organizationId);
    return org;
  }
}
