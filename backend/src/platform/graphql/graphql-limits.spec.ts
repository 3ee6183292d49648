import { startTestApp, TestApp } from '../../testing/test-app';

describe('GraphQL abuse limits', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers a plain query', async () => {
    expect(await t.gql('{ apiVersion }')).toEqual({ data: { apiVersion: expect.any(String) } });
  });

  it('refuses deep documents before running them', async () => {
    let selection = 'id';
    for (let i = 0; i < 25; i++)
      selection = i % 2 ? `organization { ${selection} }` : `memberships { ${selection} }`;
    const res = await t.gql(`{ me { ${selection} } }`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/depth limit of 12 exceeded/i);
  });

  it('refuses documents over the cost limit', async () => {
    const res = await startTestApp({ env: { GRAPHQL_MAX_COST: '100', GRAPHQL_MAX_ALIASES: '1000' } }).then(
      async (cheap) => {
        try {
          const fields = Array.from({ length: 150 }, (_, i) => `a${i}: apiVersion`).join(' ');
          return await cheap.gql(`{ ${fields} me { memberships { organization { id name slug kind } } } }`);
        } finally {
          await cheap.close();
        }
      },
    );
    expect(res.data).toBeUndefined();
    expect(res.errors?.map((e) => e.message).join()).toMatch(/cost/i);
  });

  it('refuses many aliases', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: apiVersion`).join(' ');
    const res = await t.gql(`{ ${aliases} }`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/alias/i);
  });

  it('refuses documents over the token limit', async () => {
    const res = await t.gql(`{ ${Array.from({ length: 6000 }, () => 'apiVersion').join(' ')} }`);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/token/i);
  });

  it('refuses batched operations', async () => {
    const batch = Array.from({ length: 100 }, () => ({ query: '{ apiVersion }' }));
    const res = await t.http('/graphql', { method: 'POST', json: batch });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toContain('2026');
  });

  it('does not suggest field names', async () => {
    const res = await t.gql('{ apiVersio }');
    expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('allows introspection outside production', async () => {
    const res = await t.gql('{ __schema { queryType { name } } }');
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('answers malformed JSON with a clear 400', async () => {
    const res = await t.http('/graphql', {
      method: 'POST',
      body: '{"query": ',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(res.status).toBe(400);
  });

  it('answers oversized bodies with 413', async () => {
    const res = await t.http('/graphql', {
      method: 'POST',
      json: { query: '{ apiVersion }', pad: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
    });
  });
});

describe('GraphQL in production', () => {
  let t: TestApp;
  beforeAll(
    async () => (t = await startTestApp({ env: { NODE_ENV: 'production', JWT_SECRET: 'p'.repeat(40) } })),
  );
  afterAll(() => t.close());

  it('turns introspection off', async () => {
    const res = await t.gql('{ __schema { queryType { name } } }');
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/introspection/i);
  });

  it('serves no sandbox landing page', async () => {
    const res = await t.http('/graphql', { headers: { Accept: 'text/html' } });
    expect(await res.text()).not.toMatch(/sandbox|embeddable/i);
  });
});
