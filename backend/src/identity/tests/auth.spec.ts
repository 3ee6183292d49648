import { SignJWT } from 'jose';
import { errorCode, signUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';

const LOG_IN = `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { accessToken refreshToken expiresAt user { email } } }`;
const REFRESH = `mutation($r: String!) { refreshSession(refreshToken: $r) { accessToken refreshToken } }`;
const ME = `{ me { id email displayName memberships { role organization { id kind name } } } }`;

describe('sessions', () => {
  let t: TestApp;
  beforeAll(
    async () => (t = await startTestApp({ env: { LOGIN_MAX_ATTEMPTS: '3', LOGIN_WINDOW_SECONDS: '2' } })),
  );
  afterAll(() => t.close());

  it('signs up a user with an owned organization and answers me', async () => {
    const user = await signUp(t, 'BRAND', {
      email: '  Mixed.Case@Example.COM ',
      organizationName: 'Acme Roses',
    });
    const me = await t.gql(ME, {}, user.accessToken);
    expect(me.data.me).toMatchObject({
      email: 'mixed.case@example.com',
      memberships: [{ role: 'OWNER', organization: { kind: 'BRAND', name: 'Acme Roses' } }],
    });
    const [row] = await t.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [user.userId]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    const audit = await t.dataSource.query(`SELECT action FROM audit_entries WHERE actor_user_id = $1`, [
      user.userId,
    ]);
    expect(audit).toEqual([{ action: 'user.signed_up' }]);
  });

  it('logs in, and answers an unknown email and a wrong password alike', async () => {
    const user = await signUp(t);
    const ok = await t.gql(LOG_IN, { e: user.email.toUpperCase(), p: user.password });
    expect(ok.data.logIn.user.email).toBe(user.email);
    expect(new Date(ok.data.logIn.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    const wrong = await t.gql(LOG_IN, { e: user.email, p: 'wrong password!' });
    const unknown = await t.gql(LOG_IN, { e: 'nobody@example.com', p: 'wrong password!' });
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    expect(wrong.errors).toEqual(unknown.errors);
    expect(wrong.data).toBeNull();
  });

  it('rotates refresh tokens and revokes the family when one is reused', async () => {
    const user = await signUp(t);
    const first = await t.gql(REFRESH, { r: user.refreshToken });
    const second = first.data.refreshSession;
    expect(second.refreshToken).not.toBe(user.refreshToken);
    expect((await t.gql(ME, {}, second.accessToken)).data.me.id).toBe(user.userId);

    // The original token again: reuse. It fails, and so does the token issued from it.
    expect(errorCode(await t.gql(REFRESH, { r: user.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(REFRESH, { r: second.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  it('lets only one of two concurrent refreshes with the same token win', async () => {
    const user = await signUp(t);
    const results = await Promise.all([
      t.gql(REFRESH, { r: user.refreshToken }),
      t.gql(REFRESH, { r: user.refreshToken }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const [{ live }] = await t.dataSource.query(
      `SELECT count(*)::int AS live FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL AND used_at IS NULL`,
      [user.userId],
    );
    expect(live).toBe(0);
  });

  it('logs out by revoking the family', async () => {
    const user = await signUp(t);
    const out = await t.gql(`mutation($r: String!) { logOut(refreshToken: $r) }`, { r: user.refreshToken });
    expect(out.data.logOut).toBe(true);
    expect(errorCode(await t.gql(REFRESH, { r: user.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(REFRESH, { r: 'garbage' }))).toBe('UNAUTHENTICATED');
  });

  it('refuses expired, tampered, foreign and unsigned access tokens', async () => {
    const user = await signUp(t);
    const key = (s: string) => new TextEncoder().encode(s);
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.userId)
      .setIssuer('bouquet')
      .setIssuedAt(now - 3600)
      .setExpirationTime(now - 60)
      .sign(key(t.config.jwtSecret));
    const foreign = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.userId)
      .setIssuer('bouquet')
      .setExpirationTime(now + 600)
      .sign(key('another-secret-another-secret-another-secret'));
    const [h, p] = user.accessToken.split('.');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
    const tamperedPayload = Buffer.from(
      JSON.stringify({
        typ: 'access',
        sub: '00000000-0000-0000-0000-000000000000',
        iss: 'bouquet',
        exp: now + 600,
      }),
    ).toString('base64url');
    const tampered = `${h}.${tamperedPayload}.${user.accessToken.split('.')[2]}`;
    for (const token of [expired, foreign, unsigned, tampered, 'not-a-jwt']) {
      const res = await t.gql(ME, {}, token);
      expect({ token, code: errorCode(res), data: res.data }).toEqual({
        token,
        code: 'UNAUTHENTICATED',
        data: null,
      });
    }
    expect((await t.gql(ME, {}, expired)).errors?.[0].message).toMatch(/expired/);
    expect(errorCode(await t.gql(ME))).toBe('UNAUTHENTICATED');
  });

  it('rate limits log-in per email and lets it recover after the window', async () => {
    const user = await signUp(t);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 4; i++)
      codes.push(errorCode(await t.gql(LOG_IN, { e: user.email, p: 'wrong password!' })));
    expect(codes).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    const limited = await t.gql(LOG_IN, { e: user.email, p: user.password });
    expect(errorCode(limited)).toBe('RATE_LIMITED');
    expect(limited.errors?.[0].extensions?.retryAfter).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await t.gql(LOG_IN, { e: user.email, p: user.password })).data?.logIn.user.email).toBe(
      user.email,
    );
  });
});
