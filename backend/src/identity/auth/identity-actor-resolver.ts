import { MembershipRole } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { Actor, ActorResolver } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { UnauthenticatedError } from '../../platform/errors';
import { AccessTokens } from './access-tokens';
import { API_KEY_PATTERN } from '../api-keys/api-keys.service';
import { sha256 } from './secrets';
import { ApiKeyCache, CachedApiKey } from './api-key-cache';

const TOUCH_EVERY_MS = 60_000;

/**
 * `Authorization: Bearer <token>` to an actor: an API key (`bq_live_...`) or a portal access token.
 * Memberships are read per request, so a removed member loses access at once; API keys are
 * remembered briefly per process (ApiKeyCache), and a revocation reaches every replica at once.
 */
@Injectable()
export class IdentityActorResolver extends ActorResolver {
  /** When this process last wrote each key's lastUsedAt (at most one write a minute per key). */
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly tokens: AccessTokens,
    private readonly keys: ApiKeyCache,
  ) {
    super();
  }

  async resolve(authorization: string | undefined): Promise<Actor | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S{1,2048})$/i.exec(authorization.trim());
    if (!match) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>"');
    const credential = match[1];
    return API_KEY_PATTERN.test(credential) ? this.apiKey(credential) : this.user(credential);
  }

  private async user(token: string): Promise<Actor> {
    const userId = await this.tokens.verify(token);
    const rows = await this.uow.query<{ organization_id: string; role: MembershipRole; exists: boolean }[]>(
      `SELECT m.organization_id, m.role FROM users u LEFT JOIN memberships m ON m.user_id = u.id WHERE u.id = $1`,
      [userId],
    );
    if (!rows.length) throw new UnauthenticatedError('The account no longer exists');
    return {
      kind: 'user',
      userId,
      memberships: new Map(rows.filter((r) => r.organization_id).map((r) => [r.organization_id, r.role])),
    };
  }

  private async lookUp(hash: Buffer): Promise<CachedApiKey | null> {
    const cached = this.keys.get(hash.toString('base64'));
    if (cached) return cached;
    const version = this.keys.version;
    const [row] = await this.uow.query<CachedApiKey[]>(
      `SELECT id, organization_id AS "organizationId", scopes FROM api_keys WHERE secret_hash = $1 AND revoked_at IS NULL`,
      [hash],
    );
    if (row) this.keys.set(hash.toString('base64'), row, version);
    return row ?? null;
  }

  private async apiKey(secret: string): Promise<Actor> {
    const row = await this.lookUp(sha256(secret));
    if (!row) throw new UnauthenticatedError('Unknown or revoked API key');
    const last = this.touched.get(row.id) ?? 0;
    if (Date.now() - last > TOUCH_EVERY_MS) {
      this.touched.set(row.id, Date.now());
      await this.uow.query(
        `UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
        [row.id],
      );
    }
    return {
      kind: 'apiKey',
      keyId: row.id,
      organizationId: row.organizationId,
      scopes: new Set(row.scopes),
    };
  }
}
