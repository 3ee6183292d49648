import { MembershipRole } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { BadUserInputError } from '../../platform/errors';
import { AuditService } from '../audit/audit.service';
import { SignUpInput } from '../dto/sign-up.input';
import { MembershipEntity, OrganizationEntity, UserEntity } from '../entities';
import { OrganizationHooks } from '../organizations/organization-hooks';
import { hashPassword } from './passwords';
import { Session, SessionService } from './session.service';

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'org';
}

/** Creates a user, their organization (OWNER) and, through hooks, what the kind needs. */
@Injectable()
export class SignUpService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionService,
    private readonly hooks: OrganizationHooks,
    private readonly audit: AuditService,
  ) {}

  async signUp(input: SignUpInput): Promise<Session> {
    const passwordHash = await hashPassword(input.password);
    return this.uow.run(async () => {
      const taken = await this.uow.repo(UserEntity).existsBy({ email: input.email });
      if (taken) throw BadUserInputError.field('input.email', 'email is already registered');
      const userId = randomUUID();
      const organizationId = randomUUID();
      await this.uow
        .repo(UserEntity)
        .insert({ id: userId, email: input.email, passwordHash, displayName: input.displayName });
      await this.uow.repo(OrganizationEntity).insert({
        id: organizationId,
        kind: input.organizationKind,
        name: input.organizationName,
        slug: await this.freeSlug(input.organizationName),
      });
      const user = await this.uow.repo(UserEntity).findOneByOrFail({ id: userId });
      const organization = await this.uow.repo(OrganizationEntity).findOneByOrFail({ id: organizationId });
      await this.uow
        .repo(MembershipEntity)
        .insert({ userId: user.id, organizationId: organization.id, role: MembershipRole.OWNER });
      await this.hooks.runCreated(organization, input);
      await this.audit.record({
        organizationId: organization.id,
        actorUserId: user.id,
        action: 'user.signed_up',
        subjectType: 'User',
        subjectId: user.id,
        detail: `${user.email} created ${organization.kind.toLowerCase()} organization "${organization.name}"`,
      });
      return this.sessions.start(user);
    });
  }

  private async freeSlug(name: string): Promise<string> {
    const base = slugify(name);
    const exists = await this.uow.repo(OrganizationEntity).existsBy({ slug: base });
    return exists ? `${base}-${randomBytes(3).toString('hex')}` : base;
  }
}
