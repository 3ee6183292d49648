import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../platform/config/app-config';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { UnauthenticatedError } from '../../platform/errors';
import { RateLimit, RateLimitService } from '../../platform/rate-limit/rate-limit.service';
import { isUuid } from '../../platform/validation/ids';
import { RefreshTokenEntity, UserEntity } from '../entities';
import { AccessTokens } from './access-tokens';
import { dummyHash, verifyPassword } from './passwords';
import { randomBase62, sameHash, sha256 } from './secrets';

export const REFRESH_TOKEN_TTL_DAYS = 30;

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  user: UserEntity;
}

const BAD_LOGIN = 'Email or password is wrong';

/** Log-in, rotating refresh tokens with reuse detection, log-out. */
@Injectable()
export class SessionService {
  private readonly perEmail: RateLimit;
  private readonly perIp: RateLimit;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly tokens: AccessTokens,
    private readonly limits: RateLimitService,
    config: AppConfig,
  ) {
    this.perEmail = {
      name: 'login-email',
      points: config.loginMaxAttempts,
      durationSeconds: config.loginWindowSeconds,
    };
    this.perIp = {
      name: 'login-ip',
      points: config.loginMaxAttempts * 5,
      durationSeconds: config.loginWindowSeconds,
    };
  }

  async logIn(email: string, password: string, ip = 'unknown'): Promise<Session> {
    const normalized = email.trim().toLowerCase().slice(0, 254);
    await this.limits.consume(this.perIp, ip);
    await this.limits.consume(this.perEmail, normalized);
    const user = await this.uow
      .repo(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalized })
      .getOne();
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password.slice(0, 200));
    if (!user || !ok) throw new UnauthenticatedError(BAD_LOGIN);
    await this.limits.reset(this.perEmail, normalized);
    return this.start(user);
  }

  /** Opens a session: a new refresh-token family and an access token. */
  async start(user: UserEntity, familyId: string = randomUUID()): Promise<Session> {
    const { token: accessToken, expiresAt } = await this.tokens.issue(user.id);
    const refreshToken = await this.issueRefresh(user.id, familyId);
    const { passwordHash: _hidden, ...publicUser } = user;
    return { accessToken, refreshToken, expiresAt, user: publicUser as UserEntity };
  }

  private async issueRefresh(userId: string, familyId: string): Promise<string> {
    const secret = randomBase62(32);
    const id = randomUUID();
    await this.uow.repo(RefreshTokenEntity).insert({
      id,
      familyId,
      userId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_DAYS * 86_400_000),
    });
    return `${id}.${secret}`;
  }

  /**
   * Trades a refresh token for a new pair. A token is good once: using it again (a stolen copy, or
   * the thief after the owner) revokes its whole family, so every later token of it fails too.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const outcome = await this.uow.run(async (): Promise<{ session: Session } | { reusedFamily: string }> => {
      const row = await this.find(refreshToken);
      if (row.revokedAt || row.expiresAt < new Date())
        throw new UnauthenticatedError('The session has ended; log in again');
      const [, claimed] = await this.uow.query<[unknown[], number]>(
        `UPDATE refresh_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id`,
        [row.id],
      );
      if (claimed !== 1) return { reusedFamily: row.familyId };
      const user = await this.uow.repo(UserEntity).findOneByOrFail({ id: row.userId });
      return { session: await this.start(user, row.familyId) };
    });
    if ('session' in outcome) return outcome.session;
    // Only after our transaction ended: it may hold a lock on the contested row that the revocation needs.
    await this.revokeFamily(outcome.reusedFamily);
    throw new UnauthenticatedError('This refresh token was already used; the session has been revoked');
  }

  /** Ends the session of the refresh token (its whole family). */
  async logOut(refreshToken: string): Promise<boolean> {
    const row = await this.find(refreshToken).catch(() => null);
    if (!row) return false;
    await this.revokeFamily(row.familyId);
    return true;
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.uow.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  private async find(refreshToken: string): Promise<RefreshTokenEntity> {
    const [id, secret] = refreshToken.split('.');
    const invalid = new UnauthenticatedError('Invalid refresh token');
    if (!id || !secret || !isUuid(id) || secret.length > 64) throw invalid;
    const row = await this.uow.repo(RefreshTokenEntity).findOneBy({ id });
    if (!row || !sameHash(row.tokenHash, sha256(secret))) throw invalid;
    return row;
  }
}
