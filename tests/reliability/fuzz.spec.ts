import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import type { Client } from 'pg';
import { buildSchema, getNamedType, GraphQLField, isLeafType } from 'graphql';
import { GqlResult, HttpAnswer } from '../support/api';
import { contractOperations, EMITTED_SCHEMA } from '../support/contract';
import { DatabaseDigest } from '../support/digest';
import { recordFigures, sizeFromEnv } from '../support/figures';
import { brokenInvariants } from '../support/invariants';
import { sqlClient } from '../support/processes';
import { unique, World } from '../support/world';
import { startWorldDeployment, WorldDeployment } from '../support/deployment';
import {
  hostileBody,
  hostileCurrency,
  hostileDate,
  hostileDecimal,
  hostileId,
  hostileInt,
  hostileString,
  valueFor,
} from './fuzz/arbitraries';

/** Inputs per operation: modest in CI; RELIABILITY_FUZZ_RUNS=500 for a long hunt (RELIABILITY_FUZZ_SEED replays one). */
const RUNS = sizeFromEnv('RELIABILITY_FUZZ_RUNS', 15, 300);
const SEED = process.env.RELIABILITY_FUZZ_SEED ? Number(process.env.RELIABILITY_FUZZ_SEED) : undefined;

const schema = buildSchema(readFileSync(EMITTED_SCHEMA, 'utf8'));
const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});

/** Operations a creator performs; public ones need no credential; the brand's owner does the rest. */
const CREATOR_SIDE = new Set([
  'updateCreatorProfile',
  'scheduleStream',
  'startStream',
  'endStream',
  'cancelStream',
  'counterOffer',
  'acceptOffer',
  'declineOffer',
  'claimDrop',
]);
const PUBLIC = new Set(['signUp', 'logIn', 'refreshSession', 'logOut']);

interface Outcome {
  refused: boolean;
  /** A coupon rejection stored as the answer of its idempotency key (by design, see rest.md). */
  storedRejection: boolean;
  serverError: string | null;
  text: string;
}

const REJECTIONS = new Set([
  'NOT_FOUND',
  'NOT_STARTED',
  'EXPIRED',
  'USAGE_LIMIT_REACHED',
  'CUSTOMER_LIMIT_REACHED',
  'CAMPAIGN_INACTIVE',
  'CURRENCY_MISMATCH',
]);

/**
 * Server errors found by this suite in code another change owns, reported to its owner: inputs
 * matching one are counted (figures.knownIssues) instead of failing, and a probe below keeps
 * checking that each still reproduces, so the entry goes once the bug is fixed.
 */
const KNOWN_ISSUES: { op: RegExp; matches: (input: unknown) => boolean; issue: string }[] = [];

/** What an answer may never reveal: internals of the server. */
const INTERNALS =
  /QueryFailedError|TypeORM|duplicate key|violates|relation "|column "|syntax error at|at \/|node_modules|stack/i;

function documentOf(field: GraphQLField<unknown, unknown>): string {
  const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `mutation${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

/** A printable ASCII header value (what an HTTP client can send at all). */
const headerValue = fc.oneof(
  fc.string({
    unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    maxLength: 300,
  }),
  fc.constantFrom('', 'k', 'x'.repeat(255), 'x'.repeat(256), 'x'.repeat(4000)),
);

/**
 * Property-based fuzzing (fast-check) of every mutation and every REST path: random and hostile
 * inputs (types, sizes, unicode, negative and huge numbers, bad currencies and dates). Never a 500,
 * never an internal detail in an answer, and a refused call changes nothing in the database.
 */
describe('fuzz: every mutation and REST path with hostile input', () => {
  let w: WorldDeployment;
  let sql: Client;
  const figures = {
    inputsTried: 0,
    refused: 0,
    accepted: 0,
    serverErrors: 0,
    partialWrites: 0,
    storedRejections: 0,
    byOperation: {} as Record<string, number>,
  };

  const knownIssues = new Set<string>();

  beforeAll(async () => {
    w = await startWorldDeployment();
    sql = await sqlClient(w.db.url);
  }, 120_000);
  afterAll(async () => {
    recordFigures('fuzz', {
      runsPerOperation: RUNS,
      seed: SEED ?? 'random',
      ...figures,
      knownIssues: [...knownIssues],
    });
    await sql?.end();
    await w?.close();
  });

  /** One input: the answer must not be a server error, and a refusal must leave every table as it was. */
  async function check(op: string, call: () => Promise<Outcome>, input?: unknown) {
    const before = await w.digest.take();
    const outcome = await call();
    figures.inputsTried += 1;
    figures.byOperation[op] = (figures.byOperation[op] ?? 0) + 1;
    const known = outcome.serverError
      ? KNOWN_ISSUES.find((k) => k.op.test(op) && k.matches(input))
      : undefined;
    if (known) {
      knownIssues.add(known.issue);
      return;
    }
    if (outcome.serverError) {
      figures.serverErrors += 1;
      throw new Error(`${op}: server error ${outcome.serverError}`);
    }
    if (INTERNALS.test(outcome.text))
      throw new Error(`${op}: the answer reveals internals: ${outcome.text.slice(0, 300)}`);
    if (!outcome.refused) {
      figures.accepted += 1;
      return;
    }
    figures.refused += 1;
    const after = await w.digest.take();
    // A coupon rejection is the idempotency key's stored answer (replayed for the same key): one row, nothing else.
    if (outcome.storedRejection) {
      const keys = after.idempotency_keys.rows - before.idempotency_keys.rows;
      if (keys === 1) figures.storedRejections += 1;
      if (keys === 0 || keys === 1) after.idempotency_keys = before.idempotency_keys;
    }
    const changed = DatabaseDigest.diff(before, after);
    if (changed.length) {
      figures.partialWrites += 1;
      throw new Error(`${op}: refused but changed ${changed.join(', ')}: ${outcome.text.slice(0, 300)}`);
    }
  }

  const fromGql = (res: GqlResult): Outcome => ({
    refused: Boolean(res.errors?.length),
    storedRejection:
      res.errors?.[0]?.extensions?.code === 'CONFLICT' &&
      REJECTIONS.has(String(res.errors[0].extensions.reason)),
    serverError:
      res.errors?.find((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR' || !e.extensions?.code)
        ?.message ?? null,
    text: JSON.stringify(res.errors ?? []),
  });
  const fromRest = (res: HttpAnswer): Outcome => ({
    refused: res.status >= 400,
    storedRejection: res.status === 422 && REJECTIONS.has(String(res.json?.error?.code)),
    serverError: res.status >= 500 ? `${res.status} ${res.text.slice(0, 300)}` : null,
    text: res.status >= 400 ? res.text : '',
  });

  const run = <T>(arb: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>) =>
    fc.assert(fc.asyncProperty(arb, predicate), { numRuns: RUNS, seed: SEED, endOnFailure: true });

  it('fuzzes every mutation of the contract that the backend serves', () => {
    const served = new Set(mutations.map((m) => `Mutation.${m.name}`));
    const missing = contractOperations().filter((op) => op.startsWith('Mutation.') && !served.has(op));
    // Contract mutations not served yet are listed (the authorization matrix reports them as skipped).
    expect(mutations.length + missing.length).toBe(
      contractOperations().filter((op) => op.startsWith('Mutation.')).length,
    );
  });

  // REST first: the GraphQL fuzzing below may revoke, cancel or end what these paths use.
  const tokens = (world: World) => ({
    checkout: world.keys.brand.REDEMPTIONS_WRITE.secret,
    events: world.keys.creator.EVENTS_WRITE.secret,
    claims: world.keys.creator.DROPS_CLAIM.secret,
  });
  const money = fc.oneof(
    {
      weight: 5,
      arbitrary: fc.record({
        amount: fc.oneof(hostileDecimal, fc.constant('25.00')),
        currency: fc.oneof(hostileCurrency, fc.constant('USD')),
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(null, '25.00', 25, {}) },
  );
  const order = () =>
    fc.record(
      {
        code: fc.oneof(
          { weight: 2, arbitrary: fc.constant(w.world.codes[1]) },
          { weight: 3, arbitrary: hostileString },
        ),
        customerId: fc.oneof(fc.constant('fuzz-customer'), hostileString),
        orderId: fc.oneof(fc.constant('fuzz-order'), hostileString),
        orderAmount: money,
      },
      { requiredKeys: [] },
    );
  const segment = () =>
    fc.oneof(hostileId(w.world), hostileString).map((s) => {
      try {
        return encodeURIComponent(s) || '%20';
      } catch {
        return '%ED%A0%80'; // a lone surrogate, sent as the raw (invalid UTF-8) bytes
      }
    });

  it('POST /v1/coupons/validate', () =>
    run(fc.oneof({ weight: 5, arbitrary: order() }, { weight: 1, arbitrary: hostileBody }), (body) =>
      check(
        'POST /v1/coupons/validate',
        async () =>
          fromRest(
            await w.world.api.http('/v1/coupons/validate', {
              method: 'POST',
              token: tokens(w.world).checkout,
              json: body,
            }),
          ),
        body,
      ),
    ));

  it('POST /v1/redemptions', () =>
    run(
      fc.tuple(
        fc.oneof({ weight: 5, arbitrary: order() }, { weight: 1, arbitrary: hostileBody }),
        fc.oneof(fc.constant(undefined), headerValue),
      ),
      ([body, key]) =>
        check(
          'POST /v1/redemptions',
          async () =>
            fromRest(
              await w.world.api.http('/v1/redemptions', {
                method: 'POST',
                token: tokens(w.world).checkout,
                headers:
                  key === undefined ? { 'Idempotency-Key': unique('fuzz-') } : { 'Idempotency-Key': key },
                json: body,
              }),
            ),
          body,
        ),
    ));

  it('POST /v1/redemptions/{id}/rollback', () =>
    run(
      fc.tuple(
        segment(),
        fc.oneof(fc.record({ reason: fc.oneof(hostileString, fc.constant(undefined)) }), hostileBody),
      ),
      ([id, body]) =>
        check('POST /v1/redemptions/{id}/rollback', async () =>
          fromRest(
            await w.world.api.http(`/v1/redemptions/${id}/rollback`, {
              method: 'POST',
              token: tokens(w.world).checkout,
              json: body,
            }),
          ),
        ),
    ));

  it('POST /v1/events', () => {
    const event = fc.record(
      {
        eventId: fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 2, arbitrary: hostileString }),
        streamId: fc.oneof(
          { weight: 3, arbitrary: fc.constantFrom(w.world.streamId, w.world.streamExternalId) },
          { weight: 1, arbitrary: hostileId(w.world) },
        ),
        type: fc.oneof(
          fc.constantFrom(
            'GIFT',
            'VIEWER_JOINED',
            'VIEWER_LEFT',
            'LIKE',
            'COMMENT',
            'STREAM_STARTED',
            'STREAM_ENDED',
          ),
          hostileString,
        ),
        occurredAt: hostileDate,
        viewerId: fc.oneof(fc.constant('fuzz-viewer'), hostileString, fc.constant(null)),
        gift: fc.oneof(
          fc.record(
            {
              name: fc.oneof(fc.constant('rose'), hostileString),
              count: fc.oneof(hostileInt, fc.constant(3)),
              coinValue: fc.oneof(hostileInt, fc.constant(1)),
            },
            { requiredKeys: [] },
          ),
          fc.constantFrom<unknown>(null, undefined, 'rose', []),
        ),
      },
      { requiredKeys: [] },
    );
    return run(
      fc.oneof(
        { weight: 5, arbitrary: fc.record({ events: fc.array(event, { maxLength: 8 }) }) },
        { weight: 1, arbitrary: hostileBody },
      ),
      (body) =>
        check('POST /v1/events', async () =>
          fromRest(
            await w.world.api.http('/v1/events', {
              method: 'POST',
              token: tokens(w.world).events,
              json: body,
            }),
          ),
        ),
    );
  });

  it('POST /v1/drops/{id}/claims', () =>
    run(
      fc.tuple(
        fc.oneof({ weight: 3, arbitrary: fc.constant(w.world.dropId) }, { weight: 1, arbitrary: segment() }),
        fc.oneof(
          { weight: 4, arbitrary: fc.record({ viewerId: fc.oneof(hostileString, fc.uuid()) }) },
          { weight: 1, arbitrary: hostileBody },
        ),
        fc.oneof(fc.constant(undefined), headerValue),
      ),
      ([id, body, key]) =>
        check('POST /v1/drops/{id}/claims', async () =>
          fromRest(
            await w.world.api.http(`/v1/drops/${id}/claims`, {
              method: 'POST',
              token: tokens(w.world).claims,
              headers: key === undefined ? {} : { 'Idempotency-Key': key },
              json: body,
            }),
          ),
        ),
    ));

  for (const field of mutations) {
    it(`Mutation.${field.name}`, () => {
      const document = documentOf(field);
      const args: Record<string, fc.Arbitrary<unknown>> = {};
      for (const arg of field.args) args[arg.name] = valueFor(arg.type, arg.name, w.world);
      const token = () =>
        PUBLIC.has(field.name)
          ? undefined
          : CREATOR_SIDE.has(field.name)
            ? w.world.creator.accessToken
            : w.world.brand.accessToken;
      return run(fc.record(args, { requiredKeys: [] }), (variables) =>
        check(`Mutation.${field.name}`, async () =>
          fromGql(await w.world.api.gql(document, variables, token())),
        ),
      );
    });
  }

  it('refuses a coupon body without orderAmount with 400 naming the field (was a 500)', async () => {
    for (const path of ['/v1/coupons/validate', '/v1/redemptions']) {
      const res = await w.world.api.http(path, {
        method: 'POST',
        token: w.world.keys.brand.REDEMPTIONS_WRITE.secret,
        headers: { 'Idempotency-Key': `probe-${path.length}-${Date.now()}` },
        json: { code: 'ANY', customerId: 'probe' },
      });
      expect([path, res.status]).toEqual([path, 400]);
      expect(res.text).toContain('orderAmount');
    }
  });

  it('refuses a lone surrogate with 400 naming the field and stores nothing (was stored, then refused)', async () => {
    const viewerId = 'viewer-\ud800';
    const res = await w.world.api.http(`/v1/drops/${w.world.dropId}/claims`, {
      method: 'POST',
      token: tokens(w.world).claims,
      json: { viewerId },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.fields).toEqual([
      { field: 'viewerId', message: expect.stringMatching(/surrogate/) },
    ]);
    // Postgres would have stored U+FFFD in its place.
    const rows = await sql.query(`SELECT 1 FROM drop_claims WHERE viewer_id LIKE 'viewer-%'`);
    expect(rows.rowCount).toBe(0);
  });

  it('leaves every invariant of the design intact after all of it', async () => {
    expect(await brokenInvariants(sql)).toEqual([]);
  });
});
