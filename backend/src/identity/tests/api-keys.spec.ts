import { createApiKey, errorCode, signUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';

describe('API keys', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('shows the secret once, stores only a hash, and stops working once revoked', async () => {
    const owner = await signUp(t);
    const key = await createApiKey(t, owner, ['EVENTS_WRITE', 'DROPS_CLAIM']);
    expect(key.secret).toMatch(/^bq_live_[0-9A-Za-z]{40,}$/);
    const [row] = await t.dataSource.query(
      `SELECT prefix, encode(secret_hash, 'hex') AS hash FROM api_keys WHERE id = $1`,
      [key.id],
    );
    expect(row.prefix).toBe(key.secret.slice(0, 12));
    expect(JSON.stringify(row)).not.toContain(key.secret.slice(12));

    const who = await t.http('/v1/me', { token: key.secret });
    expect(who.status).toBe(200);
    expect(await who.json()).toEqual({
      kind: 'apiKey',
      organizationId: owner.organizationId,
      scopes: ['DROPS_CLAIM', 'EVENTS_WRITE'],
    });

    const listed = await t.gql(
      `query($o: ID!) { apiKeys(organizationId: $o) { id prefix scopes lastUsedAt revokedAt } }`,
      { o: owner.organizationId },
      owner.accessToken,
    );
    expect(listed.data.apiKeys).toEqual([
      expect.objectContaining({ id: key.id, lastUsedAt: expect.any(String), revokedAt: null }),
    ]);

    const revoked = await t.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`,
      { id: key.id },
      owner.accessToken,
    );
    expect(revoked.data.revokeApiKey.revokedAt).toEqual(expect.any(String));
    const after = await t.http('/v1/me', { token: key.secret });
    expect(after.status).toBe(401);
    expect(await after.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Unknown or revoked API key' },
    });
  });

  it('a revoked key stops working at once on every replica, though replicas remember keys', async () => {
    const other = await startTestApp({ db: t.db, redisPrefix: t.redisPrefix });
    try {
      const owner = await signUp(t);
      const key = await createApiKey(t, owner, ['DROPS_CLAIM']);
      // Both replicas resolve (and remember) the key.
      for (const app of [t, other])
        expect((await app.http('/v1/me', { token: key.secret })).status).toBe(200);
      // A replica answers from memory (a revocation written behind the service's back goes unseen)...
      await t.dataSource.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [key.id]);
      expect((await other.http('/v1/me', { token: key.secret })).status).toBe(200);
      await t.dataSource.query(`UPDATE api_keys SET revoked_at = NULL WHERE id = $1`, [key.id]);
      const revoke = await t.gql(
        `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
        { id: key.id },
        owner.accessToken,
      );
      expect(revoke.errors).toBeUndefined();
      // ...yet the revocation, made on the first replica, reaches the second before the answer did.
      expect((await other.http('/v1/me', { token: key.secret })).status).toBe(401);
      expect((await t.http('/v1/me', { token: key.secret })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('updates lastUsedAt at most once a minute', async () => {
    const owner = await signUp(t);
    const key = await createApiKey(t, owner, ['EVENTS_WRITE']);
    for (let i = 0; i < 5; i++) await t.http('/v1/me', { token: key.secret });
    // The row's version, not the table statistics: a backend reports its updates up to seconds
    // later, so the first call's update could land between two reads of n_tup_upd.
    const version = async () =>
      (await t.dataSource.query(`SELECT xmin::text AS v FROM api_keys WHERE id = $1`, [key.id]))[0].v;
    const before = await version();
    for (let i = 0; i < 20; i++) await t.http('/v1/me', { token: key.secret });
    expect(await version()).toBe(before);
  });

  it('refuses bad names and empty scopes, and keys in another tenant', async () => {
    const owner = await signUp(t);
    const other = await signUp(t);
    const bad = await t.gql(
      `mutation($o: ID!) { createApiKey(organizationId: $o, name: "", scopes: [EVENTS_WRITE]) { secret } }`,
      { o: owner.organizationId },
      owner.accessToken,
    );
    expect(bad.errors?.[0].extensions?.fields).toEqual([
      { field: 'name', message: 'name must be 1 to 100 characters' },
    ]);
    const none = await t.gql(
      `mutation($o: ID!) { createApiKey(organizationId: $o, name: "k", scopes: []) { secret } }`,
      { o: owner.organizationId },
      owner.accessToken,
    );
    expect(none.errors?.[0].extensions?.fields).toEqual([
      { field: 'scopes', message: 'give at least one scope' },
    ]);
    const key = await createApiKey(t, owner, ['EVENTS_WRITE']);
    const foreign = await t.gql(
      `mutation($id: ID!) { revokeApiKey(id: $id) { id } }`,
      { id: key.id },
      other.accessToken,
    );
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect((await t.http('/v1/me', { token: key.secret })).status).toBe(200);
  });

  it('answers machine paths without a credential with 401', async () => {
    const res = await t.http('/v1/me');
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('UNAUTHENTICATED');
    expect((await t.http('/v1/me', { headers: { Authorization: 'Basic abc' } })).status).toBe(401);
  });
});
