import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { AgencyGrantEntity } from './agency-grant.entity';
import { ApiKeyEntity } from './api-key.entity';
import { MembershipEntity } from './membership.entity';
import { OrganizationEntity } from './organization.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { UserEntity } from './user.entity';

export {
  AgencyGrantEntity,
  ApiKeyEntity,
  AuditEntryEntity,
  MembershipEntity,
  OrganizationEntity,
  RefreshTokenEntity,
  UserEntity,
};

export const IDENTITY_ENTITIES = [
  UserEntity,
  OrganizationEntity,
  MembershipEntity,
  AgencyGrantEntity,
  RefreshTokenEntity,
  ApiKeyEntity,
  AuditEntryEntity,
];
