import { Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../../platform/config/app-config';
import { UnauthenticatedError } from '../../platform/errors';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'bouquet';

/** Short-lived HS256 access tokens; the user's memberships are read per request, never trusted from the token. */
@Injectable()
export class AccessTokens {
  private readonly key: Uint8Array;

  constructor(config: AppConfig) {
    this.key = new TextEncoder().encode(config.jwtSecret);
  }

  async issue(userId: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
    const token = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuer(ISSUER)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return { token, expiresAt };
  }

  /** The user id of a valid token; UNAUTHENTICATED for expired, tampered, foreign or `alg: none` tokens. */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER });
      if (payload.typ !== 'access' || typeof payload.sub !== 'string')
        throw new UnauthenticatedError('Invalid access token');
      return payload.sub;
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('The access token has expired');
      throw new UnauthenticatedError('Invalid access token');
    }
  }
}
