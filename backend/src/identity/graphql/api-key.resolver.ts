import { ApiScope } from '@bouquet/shared';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../platform/auth/actor';
import { CurrentActor } from '../../platform/auth/current-actor.decorator';
import { AccessPolicy } from '../access/access-policy.service';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { ApiKeyType, CreatedApiKey } from './identity.types';

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly access: AccessPolicy,
  ) {}

  @Query(() => [ApiKeyType])
  apiKeys(@Args('organizationId', { type: () => ID }) organizationId: string, @CurrentActor() actor: Actor) {
    this.access.requireUser(actor);
    return this.keys.list(actor, organizationId);
  }

  @Mutation(() => CreatedApiKey)
  createApiKey(
    @Args('organizationId', { type: () => ID }) organizationId: string,
    @Args('name') name: string,
    @Args('scopes', { type: () => [ApiScope] }) scopes: ApiScope[],
    @CurrentActor() actor: Actor,
  ) {
    this.access.requireUser(actor);
    return this.keys.create(actor, organizationId, name, scopes);
  }

  @Mutation(() => ApiKeyType)
  revokeApiKey(@Args('id', { type: () => ID }) id: string, @CurrentActor() actor: Actor) {
    this.access.requireUser(actor);
    return this.keys.revoke(actor, id);
  }
}
