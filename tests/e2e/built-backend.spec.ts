import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { acceptQueueOf, kernelBacklogLimit, subscribe } from '@bouquet/testing';
import { BACKEND_MAIN, createDatabase, gql, startBackend } from '../support/processes';

/**
 * The built artifact, not the TypeScript sources: what `npm start` and the Docker image run.
 * Catches what only shows in the compiled output (path aliases, package exports, config).
 */
describe('built backend process', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  beforeAll(async () => {
    if (!existsSync(BACKEND_MAIN))
      throw new Error(`${BACKEND_MAIN} is missing: run npm test (it builds the backend first)`);
    db = await createDatabase();
  });
  afterAll(() => db.drop());

  it('stops at boot with one clear line on bad configuration', async () => {
    await expect(startBackend({ DATABASE_URL: db.url, PORT: 'abc' } as never)).rejects.toThrow(
      /Invalid configuration: PORT must be an integer number \(got "abc"\)/,
    );
  });

  it('migrates, serves GraphQL, and on SIGTERM finishes in-flight requests and sends subscribers away', async () => {
    const backend = await startBackend({
      DATABASE_URL: db.url,
      REDIS_PREFIX: `e2e${randomBytes(3).toString('hex')}`,
    });
    const email = `e2e-${randomBytes(4).toString('hex')}@example.com`;
    const signUp = await gql(
      backend.baseUrl,
      `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { email } } }`,
      {
        i: {
          email,
          password: 'a long password',
          displayName: 'E2E',
          organizationName: 'E2E Co',
          organizationKind: 'BRAND',
        },
      },
    );
    expect(signUp.data?.signUp.user.email).toBe(email);
    // A drop's viewers connect at once: the backlog is 4096 (LISTEN_BACKLOG), or what the kernel allows.
    expect(acceptQueueOf(new URL(backend.baseUrl).port)).toBe(Math.min(4096, kernelBacklogLimit()));
    // An open subscription and an idle kept-alive connection must not hold the shutdown up.
    const live = subscribe(
      backend.baseUrl,
      'subscription { notificationAdded { id } }',
      {},
      signUp.data?.signUp.accessToken,
    );
    await live.ready;

    // A log-in hashes a password (slow on purpose); SIGTERM arrives while it runs and must not cut it.
    const inFlight = gql(
      backend.baseUrl,
      `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { user { email } } }`,
      { e: email, p: 'a long password' },
    );
    await new Promise((r) => setTimeout(r, 20));
    backend.child.kill('SIGTERM');
    expect((await inFlight).data?.logIn.user.email).toBe(email);
    expect(await backend.exited).toBe(0); // 1 when the drain ran out of time
    await expect(fetch(`${backend.baseUrl}/health/live`)).rejects.toThrow();
    // The subscriber was told to go elsewhere (graphql-ws clients reconnect on 1001), not cut off.
    expect(live.failure()).toMatchObject({ code: 1001, reason: 'Server shutting down' });
    await live.close();
  });
});
