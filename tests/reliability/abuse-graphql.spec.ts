import { firstAnswerOverWebSocket } from '@bouquet/testing';
import { apiAt, GqlResult } from '../support/api';
import {
  Database,
  deploymentEnv,
  freshDatabase,
  startWorldDeployment,
  WorldDeployment,
} from '../support/deployment';
import { DatabaseDigest } from '../support/digest';
import { recordFigures } from '../support/figures';
import { BackendProcess, startBackend, stopBackend } from '../support/processes';

/** `{ me { memberships { organization { managedBrands { ... } } } } }` nested to `depth` fields. */
function deep(depth: number): string {
  let selection = 'id';
  for (let i = 2; i < depth; i++)
    selection = i % 2 ? `memberships { ${selection} }` : `organization { ${selection} }`;
  return `{ me { ${selection} } }`;
}

const overWebSocket = (baseUrl: string, query: string, token?: string) =>
  firstAnswerOverWebSocket(baseUrl, query, {}, token);

function expectRefused(res: GqlResult, message: RegExp): void {
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(res.errors?.map((e) => e.message).join(' | ')).toMatch(message);
}

/**
 * Hostile GraphQL documents, over HTTP and over the WebSocket of subscriptions: each is refused
 * before it runs, with a clear message and no data, and nothing in the database changes.
 */
describe('abuse: GraphQL documents', () => {
  let w: WorldDeployment;
  let before: Awaited<ReturnType<DatabaseDigest['take']>>;
  const figures = { documentsRefused: 0, overWebSocket: 0 };
  const refused = (res: GqlResult, message: RegExp, ws = false) => {
    expectRefused(res, message);
    figures.documentsRefused += 1;
    if (ws) figures.overWebSocket += 1;
  };

  beforeAll(async () => {
    w = await startWorldDeployment();
    before = await w.digest.take();
  }, 120_000);
  afterAll(async () => {
    expect(DatabaseDigest.diff(before, await w.digest.take())).toEqual([]);
    recordFigures('abuse-graphql', figures);
    await w.close();
  });

  const token = () => w.world.brand.accessToken;

  it('refuses a document 50 deep', async () => {
    refused(await w.world.api.gql(deep(50), {}, token()), /depth limit of 12/i);
    const sub = `subscription { dropUpdated(dropId: "${w.world.dropId}") { campaign { brand { managedBrands { agencies { managedBrands { agencies { managedBrands { agencies { managedBrands { agencies { managedBrands { agencies { id } } } } } } } } } } } } } }`;
    refused(await overWebSocket(w.api.baseUrl, sub, token()), /depth limit of 12/i, true);
  });

  it('refuses 1,000 aliases', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: apiVersion`).join(' ');
    refused(await w.world.api.gql(`{ ${aliases} }`, {}, token()), /aliases/i);
    const subAliases = Array.from({ length: 1000 }, (_, i) => `a${i}: id`).join(' ');
    refused(
      await overWebSocket(
        w.api.baseUrl,
        `subscription { dropUpdated(dropId: "${w.world.dropId}") { ${subAliases} } }`,
        token(),
      ),
      /aliases/i,
      true,
    );
  });

  it('refuses a batch of 100 operations without running any', async () => {
    const batch = Array.from({ length: 100 }, (_, i) => ({
      query: `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
      variables: {
        i: {
          brandId: w.world.brand.organizationId,
          name: `Batched ${i}`,
          brief: 'x',
          objective: 'SALES',
          budget: { amount: '10.00', currency: 'USD' },
        },
      },
    }));
    const res = await w.world.api.http('/graphql', { method: 'POST', token: token(), json: batch });
    expect(res.status).toBe(400);
    expect(res.text).not.toMatch(/"id"/);
    expect(res.text).toMatch(/batch/i);
    figures.documentsRefused += 1;
  });

  it('refuses documents over the cost limit', async () => {
    // Within the depth, alias and token limits, but expensive: wide selections nested 11 deep, 20 times.
    const wide = 'id name slug kind createdAt';
    const nest = (n: number): string => (n === 0 ? wide : `${wide} managedBrands { ${nest(n - 1)} }`);
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `m${i}: me { memberships { organization { ${nest(8)} } } }`,
    );
    refused(await w.world.api.gql(`{ ${aliases.join(' ')} }`, {}, token()), /cost/i);
  });

  it('refuses over 20 directives and over 5,000 tokens', async () => {
    const directives = Array.from({ length: 50 }, () => '@include(if: true)').join(' ');
    refused(await w.world.api.gql(`{ me { id ${directives} } }`, {}, token()), /directives/i);
    refused(await w.world.api.gql(`{ ${'apiVersion '.repeat(6000)} }`, {}, token()), /token/i);
  });

  it('names no field, argument or type in its errors (no suggestions)', async () => {
    for (const doc of [
      `{ me { emial } }`,
      `{ campaigns(firts: 5) { totalCount } }`,
      `query($s: CampaignStatu) { campaigns(status: $s) { totalCount } }`,
      `{ campaigns(status: ACTIV) { totalCount } }`,
    ]) {
      const res = await w.world.api.gql(doc, {}, token());
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.map((e) => e.message).join()).not.toMatch(/did you mean/i);
      figures.documentsRefused += 1;
    }
    const ws = await overWebSocket(
      w.api.baseUrl,
      `subscription { dropUpdated(dropId: "x") { claimedRose } }`,
      token(),
    );
    expect(ws.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(ws.errors?.map((e) => e.message).join()).not.toMatch(/did you mean/i);
  });

  it('serves only subscriptions over WebSocket', async () => {
    refused(await overWebSocket(w.api.baseUrl, `{ me { id email } }`, token()), /only subscriptions/i, true);
    refused(
      await overWebSocket(
        w.api.baseUrl,
        `mutation { createCampaign(input: { brandId: "${w.world.brand.organizationId}", name: "ws", brief: "ws", objective: SALES, budget: { amount: "1.00", currency: "USD" } }) { id } }`,
        token(),
      ),
      /only subscriptions/i,
      true,
    );
    const syntax = await overWebSocket(w.api.baseUrl, `subscription {`, token());
    expect(syntax.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('abuse: GraphQL in production', () => {
  let db: Database;
  let production: BackendProcess;
  beforeAll(async () => {
    db = await freshDatabase();
    production = await startBackend(
      deploymentEnv(db, 'bqrprod', {
        NODE_ENV: 'production',
        JWT_SECRET: 'reliability-production-secret-0123456789',
      }),
    );
  }, 60_000);
  afterAll(async () => {
    await stopBackend(production, 'SIGKILL');
    await db.drop();
  });

  it('refuses introspection over HTTP and WebSocket, answering no schema', async () => {
    for (const doc of [
      `{ __schema { types { name } } }`,
      `{ __type(name: "Campaign") { fields { name } } }`,
    ]) {
      const res = await apiAt(production.baseUrl).gql(doc);
      expectRefused(res, /introspection/i);
    }
    const ws = await overWebSocket(production.baseUrl, `subscription { __schema { types { name } } }`);
    expect(ws.data ?? null).toBeNull();
    expect(ws.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // The only root field a client may always ask for is __typename.
    expect(await apiAt(production.baseUrl).gql(`{ __typename }`)).toEqual({ data: { __typename: 'Query' } });
  });
});
