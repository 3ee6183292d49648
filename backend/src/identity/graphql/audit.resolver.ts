import { Args, ID, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../platform/auth/actor';
import { Ctx, CurrentActor } from '../../platform/auth/current-actor.decorator';
import type { RequestContext } from '../../platform/auth/request-context';
import { AccessPolicy } from '../access/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { IdentityLoaders } from '../organizations/identity.loaders';
import { AuditEntryConnection, AuditEntryType, UserType } from './identity.types';

@Resolver(() => AuditEntryType)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly loaders: IdentityLoaders,
  ) {}

  /** For OWNERs and MANAGERs of the organization. */
  @Query(() => AuditEntryConnection)
  async auditLog(
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @CurrentActor() actor: Actor,
  ) {
    this.access.requireUser(actor);
    this.access.requireMember(actor, organizationId, 'write');
    return this.audit.list(organizationId, first, after);
  }

  @ResolveField(() => UserType, { nullable: true })
  async actor(@Parent() entry: AuditEntryType, @Ctx() ctx: RequestContext) {
    return entry.actorUserId ? ((await this.loaders.user(ctx).load(entry.actorUserId)) ?? null) : null;
  }
}
