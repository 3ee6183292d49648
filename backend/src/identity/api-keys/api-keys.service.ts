import { ApiScope } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import type { UserActor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { BadUserInputError, NotFoundError } from '../../platform/errors';
import { AccessPolicy } from '../access/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { randomBase62, sha256 } from '../auth/secrets';
import { ApiKeyEntity } from '../entities';
import { ApiKeyCache } from '../auth/api-key-cache';

export const API_KEY_PREFIX = 'bq_live_';
export const API_KEY_PATTERN = /^bq_live_[0-9A-Za-z]{20,64}$/;
const MAX_ACTIVE_KEYS = 50;

/** Machine credentials of an organization: the secret is shown once, only its hash is kept. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly cache: ApiKeyCache,
  ) {}

  async create(
    actor: UserActor,
    organizationId: string,
    name: string,
    scopes: ApiScope[],
  ): Promise<{ apiKey: ApiKeyEntity; secret: string }> {
    this.access.requireMember(actor, organizationId, 'admin');
    const trimmed = name.trim();
    if (!trimmed || trimmed.length > 100)
      throw BadUserInputError.field('name', 'name must be 1 to 100 characters');
    const unique = [...new Set(scopes)];
    if (!unique.length) throw BadUserInputError.field('scopes', 'give at least one scope');
    return this.uow.run(async () => {
      const active = await this.uow.repo(ApiKeyEntity).countBy({ organizationId, revokedAt: IsNull() });
      if (active >= MAX_ACTIVE_KEYS)
        throw BadUserInputError.field(
          'organizationId',
          `at most ${MAX_ACTIVE_KEYS} API keys per organization`,
        );
      const secret = API_KEY_PREFIX + randomBase62(32);
      const id = randomUUID();
      await this.uow.repo(ApiKeyEntity).insert({
        id,
        organizationId,
        name: trimmed,
        prefix: secret.slice(0, 12),
        secretHash: sha256(secret),
        scopes: unique,
        createdBy: actor.userId,
      });
      const saved = await this.uow.repo(ApiKeyEntity).findOneByOrFail({ id });
      await this.audit.record({
        organizationId,
        actorUserId: actor.userId,
        action: 'api_key.created',
        subjectType: 'ApiKey',
        subjectId: saved.id,
        detail: `${trimmed} (${unique.join(', ')})`,
      });
      return { apiKey: saved, secret };
    });
  }

  async revoke(actor: UserActor, id: string): Promise<ApiKeyEntity> {
    return this.uow.run(async () => {
      const key = await this.uow.repo(ApiKeyEntity).findOneBy({ id });
      if (!key || !actor.memberships.has(key.organizationId)) throw new NotFoundError('API key', id);
      this.access.requireMember(actor, key.organizationId, 'admin');
      if (!key.revokedAt) {
        key.revokedAt = new Date();
        await this.uow.repo(ApiKeyEntity).update({ id }, { revokedAt: key.revokedAt });
        await this.audit.record({
          organizationId: key.organizationId,
          actorUserId: actor.userId,
          action: 'api_key.revoked',
          subjectType: 'ApiKey',
          subjectId: id,
          detail: key.name,
        });
        // Every replica forgets the key once the revocation is committed, before this answers.
        const revokedId = key.id;
        this.uow.afterCommit(() => this.cache.revoked(revokedId));
      }
      return key;
    });
  }

  async list(actor: UserActor, organizationId: string): Promise<ApiKeyEntity[]> {
    this.access.requireMember(actor, organizationId, 'admin');
    return this.uow.repo(ApiKeyEntity).find({ where: { organizationId }, order: { createdAt: 'DESC' } });
  }
}
