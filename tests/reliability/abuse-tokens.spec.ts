import { SignJWT } from 'jose';
import { firstAnswerOverWebSocket } from '@bouquet/testing';
import { codeOf, ok } from '../support/api';
import { DatabaseDigest } from '../support/digest';
import { recordFigures } from '../support/figures';
import { createApiKey, signUp } from '../support/world';
import { startWorldDeployment, WorldDeployment } from '../support/deployment';

/** The deployment's signing secret: known here so the test can forge tokens with and without it. */
const JWT_SECRET = 'reliability-tokens-secret-0123456789abcdef';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Forged, stale and revoked credentials: each answers 401 / UNAUTHENTICATED on GraphQL, on REST and
 * on the subscription socket, returns no data and changes nothing.
 */
describe('abuse: tokens and keys', () => {
  let w: WorldDeployment;
  let secret: Uint8Array;
  const figures = { credentialsTried: 0, callsRefused: 0 };

  beforeAll(async () => {
    w = await startWorldDeployment({ env: { JWT_SECRET } });
    secret = new TextEncoder().encode(JWT_SECRET);
  }, 120_000);
  afterAll(async () => {
    recordFigures('abuse-tokens', figures);
    await w.close();
  });

  const sign = (
    claims: Record<string, unknown>,
    key = secret,
    header: Record<string, unknown> = { alg: 'HS256' },
  ) =>
    new SignJWT({ typ: 'access', ...claims })
      .setProtectedHeader(header as { alg: string })
      .setSubject(String(claims.sub ?? w.world.brand.userId))
      .setIssuer('bouquet')
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);

  /** The same credential on a GraphQL query, a GraphQL mutation, a REST path and a subscription. */
  async function refusedEverywhere(label: string, token: string, restPath = '/v1/me') {
    figures.credentialsTried += 1;
    const before = await w.digest.take();
    const query = await w.world.api.gql(`{ me { id email } }`, {}, token);
    const mutation = await w.world.api.gql(
      `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
      {
        i: {
          brandId: w.world.brand.organizationId,
          name: 'Forged',
          brief: 'x',
          objective: 'SALES',
          budget: { amount: '10.00', currency: 'USD' },
        },
      },
      token,
    );
    const rest = await w.world.api.http(restPath, {
      method: restPath === '/v1/me' ? 'GET' : 'POST',
      token,
      json: restPath === '/v1/me' ? undefined : { viewerId: 'forged' },
    });
    const sub = await firstAnswerOverWebSocket(
      w.api.baseUrl,
      `subscription { notificationAdded { id } }`,
      {},
      token,
    );
    figures.callsRefused += 4;
    expect({
      label,
      query: [codeOf(query), query.data ?? null],
      mutation: [codeOf(mutation), mutation.data ?? null],
      rest: [rest.status, rest.json?.error?.code],
      subscription: [codeOf(sub), sub.data ?? null],
    }).toEqual({
      label,
      query: ['UNAUTHENTICATED', null],
      mutation: ['UNAUTHENTICATED', null],
      rest: [401, 'UNAUTHENTICATED'],
      subscription: ['UNAUTHENTICATED', null],
    });
    expect(DatabaseDigest.diff(before, await w.digest.take())).toEqual([]);
  }

  it('refuses an expired access token', async () => {
    const expired = await new SignJWT({ typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(w.world.brand.userId)
      .setIssuer('bouquet')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(secret);
    await refusedEverywhere('expired', expired);
    const res = await w.world.api.gql(`{ me { id } }`, {}, expired);
    expect(res.errors?.[0].message).toMatch(/expired/);
  });

  it('refuses a tampered token (another user id under the original signature)', async () => {
    const [header, , signature] = w.world.viewer.accessToken.split('.');
    const payload = JSON.parse(Buffer.from(w.world.viewer.accessToken.split('.')[1], 'base64url').toString());
    await refusedEverywhere(
      'tampered',
      `${header}.${b64({ ...payload, sub: w.world.brand.userId })}.${signature}`,
    );
  });

  it('refuses alg "none" and algorithm confusion', async () => {
    const claims = {
      typ: 'access',
      sub: w.world.brand.userId,
      iss: 'bouquet',
      exp: Math.floor(Date.now() / 1000) + 600,
    };
    await refusedEverywhere('alg none', `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`);
    await refusedEverywhere('alg None', `${b64({ alg: 'None' })}.${b64(claims)}.`);
    await refusedEverywhere('HS512', await sign({}, secret, { alg: 'HS512' }));
  });

  it('refuses a token signed with another secret, another issuer or another type', async () => {
    await refusedEverywhere('another secret', await sign({}, new TextEncoder().encode('x'.repeat(48))));
    await refusedEverywhere(
      'another issuer',
      await new SignJWT({ typ: 'access' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(w.world.brand.userId)
        .setIssuer('someone-else')
        .setExpirationTime('10m')
        .sign(secret),
    );
    await refusedEverywhere('refresh-typed', await sign({ typ: 'refresh' }));
    await refusedEverywhere('unknown user', await sign({ sub: '00000000-0000-4000-8000-000000000000' }));
  });

  it('refuses malformed Authorization headers', async () => {
    for (const header of [
      'Bearer',
      'Basic dXNlcjpwYXNz',
      'Bearer a b',
      `Bearer ${'x'.repeat(3000)}`,
      'Bearer bq_live_short',
    ]) {
      figures.credentialsTried += 1;
      const res = await w.world.api.http('/v1/me', { headers: { Authorization: header } });
      expect([header.slice(0, 20), res.status]).toEqual([header.slice(0, 20), 401]);
      const gql = await w.world.api.http('/graphql', {
        method: 'POST',
        headers: { Authorization: header },
        json: { query: '{ me { id } }' },
      });
      expect(codeOf(gql.json)).toBe('UNAUTHENTICATED');
    }
  });

  it('revokes the whole family when a refresh token is reused', async () => {
    const user = await signUp(w.world.api, 'BRAND');
    const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
    const first = await ok(w.world.api.gql(REFRESH, { t: user.refreshToken }));
    // The stolen original is replayed: refused, and the family (the legitimate new token too) is revoked.
    const replay = await w.world.api.gql(REFRESH, { t: user.refreshToken });
    expect([codeOf(replay), replay.data ?? null]).toEqual(['UNAUTHENTICATED', null]);
    const next = await w.world.api.gql(REFRESH, { t: first.refreshSession.refreshToken });
    expect([codeOf(next), next.data ?? null]).toEqual(['UNAUTHENTICATED', null]);
    // After logging out, a refresh token is dead too.
    const other = await signUp(w.world.api, 'BRAND');
    expect(
      await ok(
        w.world.api.gql(`mutation($t: String!) { logOut(refreshToken: $t) }`, { t: other.refreshToken }),
      ),
    ).toEqual({
      logOut: true,
    });
    expect(codeOf(await w.world.api.gql(REFRESH, { t: other.refreshToken }))).toBe('UNAUTHENTICATED');
    // Forged refresh tokens.
    for (const forged of ['x', `${'0'.repeat(36)}.${'a'.repeat(43)}`, `${user.refreshToken}x`, 'a.b.c']) {
      figures.credentialsTried += 1;
      expect([forged, codeOf(await w.world.api.gql(REFRESH, { t: forged }))]).toEqual([
        forged,
        'UNAUTHENTICATED',
      ]);
    }
    figures.credentialsTried += 4;
  });

  it('refuses a revoked API key at once, on every path', async () => {
    const key = await createApiKey(w.world.api, w.world.creator, ['DROPS_CLAIM']);
    const claim = await w.world.api.http(`/v1/drops/${w.world.dropId}/claims`, {
      method: 'POST',
      token: key.secret,
      json: { viewerId: 'before-revocation' },
    });
    expect(claim.status).toBe(201);
    await ok(
      w.world.api.gql(
        `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
        { id: key.id },
        w.world.creator.accessToken,
      ),
    );
    await refusedEverywhere('revoked API key', key.secret, `/v1/drops/${w.world.dropId}/claims`);
    // A key-shaped secret that was never issued.
    await refusedEverywhere(
      'unknown API key',
      `bq_live_${'A'.repeat(43)}`,
      `/v1/drops/${w.world.dropId}/claims`,
    );
  });
});
