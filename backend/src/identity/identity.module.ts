import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorResolver } from '../platform/auth/actor';
import { RestAuthGuard } from '../platform/auth/rest-auth.guard';
import { AccessPolicy } from './access/access-policy.service';
import { AgencyGrantsService } from './agencies/agency-grants.service';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuditService } from './audit/audit.service';
import { AccessTokens } from './auth/access-tokens';
import { IdentityActorResolver } from './auth/identity-actor-resolver';
import { ApiKeyCache } from './auth/api-key-cache';
import { SessionService } from './auth/session.service';
import { SignUpService } from './auth/sign-up.service';
import { IDENTITY_ENTITIES } from './entities';
import { AgencyGrantResolver } from './graphql/agency-grant.resolver';
import { ApiKeyResolver } from './graphql/api-key.resolver';
import { AuditResolver } from './graphql/audit.resolver';
import { AuthResolver } from './graphql/auth.resolver';
import { OrganizationResolver } from './graphql/organization.resolver';
import { MembershipResolver, UserResolver } from './graphql/user.resolver';
import { IdentityLoaders } from './organizations/identity.loaders';
import { OrganizationHooks } from './organizations/organization-hooks';
import { OrganizationsService } from './organizations/organizations.service';
import { MeController } from './rest/me.controller';

/**
 * Users, organizations, sessions, agency grants, API keys, audit, and the access policy every
 * other domain uses. Global: the policy, audit and hooks are plumbing for all domains.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES)],
  controllers: [MeController],
  providers: [
    AccessPolicy,
    AccessTokens,
    SessionService,
    SignUpService,
    ApiKeysService,
    AgencyGrantsService,
    AuditService,
    OrganizationHooks,
    OrganizationsService,
    IdentityLoaders,
    ApiKeyCache,
    { provide: ActorResolver, useClass: IdentityActorResolver },
    RestAuthGuard,
    AuthResolver,
    UserResolver,
    MembershipResolver,
    OrganizationResolver,
    AgencyGrantResolver,
    ApiKeyResolver,
    AuditResolver,
  ],
  exports: [
    AccessPolicy,
    AuditService,
    OrganizationHooks,
    IdentityLoaders,
    ActorResolver,
    RestAuthGuard,
    SignUpService,
    AgencyGrantsService,
  ],
})
export class IdentityModule {}
