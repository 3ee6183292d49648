import '../../platform/graphql/enums';
import { ApiScope, MembershipRole, OrganizationKind } from '@bouquet/shared';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../../platform/graphql/pagination';

@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID) id!: string;
  @Field(() => OrganizationKind) kind!: OrganizationKind;
  @Field() name!: string;
  @Field() slug!: string;
  @Field() createdAt!: Date;
}

@ObjectType('Membership')
export class MembershipType {
  organizationId!: string;
  @Field(() => MembershipRole) role!: MembershipRole;
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
  @Field() createdAt!: Date;
}

@ObjectType()
export class AuthPayload {
  @Field() accessToken!: string;
  @Field() refreshToken!: string;
  @Field() expiresAt!: Date;
  @Field(() => UserType) user!: UserType;
}

@ObjectType('AgencyGrant')
export class AgencyGrantType {
  brandId!: string;
  agencyId!: string;
  @Field() grantedAt!: Date;
}

@ObjectType('ApiKey')
export class ApiKeyType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'The first characters of the key, for recognising it.' }) prefix!: string;
  @Field(() => [ApiScope]) scopes!: ApiScope[];
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastUsedAt!: Date | null;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}

@ObjectType()
export class CreatedApiKey {
  @Field(() => ApiKeyType) apiKey!: ApiKeyType;
  @Field({ description: 'The whole secret. Shown once; only a hash is stored.' }) secret!: string;
}

@ObjectType('AuditEntry')
export class AuditEntryType {
  @Field(() => ID) id!: string;
  actorUserId!: string | null;
  @Field() action!: string;
  @Field() subjectType!: string;
  @Field(() => ID) subjectId!: string;
  @Field(() => String, { nullable: true }) detail!: string | null;
  @Field() at!: Date;
}

@ObjectType()
export class AuditEntryConnection {
  @Field(() => [AuditEntryType]) nodes!: AuditEntryType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
