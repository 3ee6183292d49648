import { subscribe } from '@bouquet/testing';
import { ok } from '../support/api';
import { contractOperations, contractRestPaths, emittedOperations } from '../support/contract';
import { startWorldDeployment, WorldDeployment } from '../support/deployment';
import { DatabaseDigest } from '../support/digest';
import { recordFigures } from '../support/figures';
import { ACTORS, ActorName, tokenOf, World } from '../support/world';
import { campaignRows, creatorRows, offerRows } from './matrix/creators-campaigns.rows';
import { analyticsRows, couponRows, dropRows, notificationAndExportRows } from './matrix/drops-coupons.rows';
import { identityRows } from './matrix/identity.rows';
import { gql, MatrixRow, PUBLIC, SubscriptionRow } from './matrix/matrix';
import { restRows } from './matrix/rest.rows';
import { subscriptionRows } from './matrix/subscriptions.rows';

const ROWS: MatrixRow[] = [
  ...identityRows,
  ...creatorRows,
  ...campaignRows,
  ...offerRows,
  ...dropRows,
  ...couponRows,
  ...analyticsRows,
  ...notificationAndExportRows,
  ...restRows,
  // Served beside the contract: the API version, public.
  { op: 'Query.apiVersion', call: gql(`{ apiVersion }`), expect: PUBLIC },
];

/** GraphQL itself is the transport of every Query/Mutation/Subscription row. */
const TRANSPORT_PATHS = new Set(['POST /graphql']);

const emitted = emittedOperations();
const isGraphql = (op: string) => /^(Query|Mutation|Subscription)\./.test(op);
/** Operations another change is still adding: their rows wait, loudly, until backend/schema.gql has them. */
const absent = (op: string) =>
  isGraphql(op) ? !emitted.has(op) : op === 'GET /v1/exports/{id}/download' && !emitted.has('Query.export');

describe('authorization matrix: every operation of the contract x every actor', () => {
  let deployment: WorldDeployment;
  let world: World;
  let digest: DatabaseDigest;
  const figures = { rows: 0, cells: 0, refusedCells: 0, digestsCompared: 0, subscriptions: 0, leaks: 0 };
  /** Cells answering a reported bug (see `known` in the rows): listed in the figures, not failed. */
  const knownIssues = new Set<string>();

  beforeAll(async () => {
    deployment = await startWorldDeployment({
      whileWorkerRuns: async (w) => {
        if (emitted.has('Query.export')) w.exportId = await finishedExport(w);
      },
    });
    ({ world, digest } = deployment);
  }, 120_000);

  afterAll(async () => {
    recordFigures('authorization-matrix', { ...figures, knownIssues: [...knownIssues] });
    await deployment?.close();
  });

  it('has a row for every operation and REST path of the contract and of the served schema', () => {
    const covered = new Set([...ROWS.map((r) => r.op), ...subscriptionRows.map((r) => r.op)]);
    const needed = [
      ...new Set([...contractOperations(), ...emitted]),
      ...contractRestPaths().filter((p) => !TRANSPORT_PATHS.has(p)),
    ];
    expect(needed.filter((op) => !covered.has(op))).toEqual([]);
    for (const row of [...ROWS, ...subscriptionRows])
      expect([row.op, Object.keys(row.expect).sort()]).toEqual([row.op, [...ACTORS].sort()]);
  });

  for (const row of ROWS) {
    if (absent(row.op)) {
      it.skip(`${row.op}: skipped, not in backend/schema.gql yet (its row is ready)`, () => undefined);
      continue;
    }
    it(`${row.op}`, async () => {
      const mismatches: string[] = [];
      figures.rows += 1;
      // Fresh state for every cell first (concurrently), then the cells one by one between digests.
      const prepared = await Promise.all(ACTORS.map((actor) => row.prepare?.(world, actor) ?? {}));
      for (const [i, actor] of ACTORS.entries()) {
        const token = tokenOf(world, actor, row.keys?.org, row.keys?.scope);
        const before = await digest.take();
        const cell = await row.call(world, token, prepared[i]);
        figures.cells += 1;
        const where = `${row.op} as ${actor}`;
        const known = row.known?.[actor];
        if (known && cell.outcome === known.got) {
          knownIssues.add(`${where}: ${known.issue}`);
          continue;
        }
        if (known) mismatches.push(`${where}: the known issue is fixed; delete its \`known\` entry`);
        if (cell.outcome !== row.expect[actor])
          mismatches.push(`${where}: expected ${row.expect[actor]}, got ${cell.outcome} (${cell.detail})`);
        if (cell.outcome === 'OK') continue;
        figures.refusedCells += 1;
        if (cell.leaked) {
          figures.leaks += 1;
          mismatches.push(`${where}: refused but answered data`);
        }
        figures.digestsCompared += 1;
        const changed = DatabaseDigest.diff(before, await digest.take());
        if (changed.length) mismatches.push(`${where}: refused but changed ${changed.join(', ')}`);
      }
      expect(mismatches).toEqual([]);
    });
  }

  for (const row of subscriptionRows) {
    if (absent(row.op)) {
      it.skip(`${row.op}: skipped, not in backend/schema.gql yet (its row is ready)`, () => undefined);
      continue;
    }
    it(`${row.op}`, async () => {
      figures.rows += 1;
      expect(await runSubscriptionRow(world, row, figures)).toEqual([]);
    });
  }
});

/** An export of the world's pool, finished by the worker of the full app. */
async function finishedExport(world: World): Promise<string> {
  const started = await ok(
    world.api.gql(
      `mutation($p: ID!) { exportCouponCodes(poolId: $p) { id } }`,
      { p: world.poolId },
      world.brand.accessToken,
    ),
  );
  const id = started.exportCouponCodes.id as string;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const data = await ok(
      world.api.gql(`query($id: ID!) { export(id: $id) { status } }`, { id }, world.brand.accessToken),
    );
    if (data.export.status === 'DONE') return id;
    if (data.export.status === 'FAILED' || Date.now() > deadline)
      throw new Error(`export ${id} ended ${data.export.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Every actor subscribes at once; refused actors must get their error and no data. One trigger then
 * fires: every receiver must get the event, and no other actor may receive anything.
 */
async function runSubscriptionRow(
  world: World,
  row: SubscriptionRow,
  figures: { cells: number; refusedCells: number; subscriptions: number; leaks: number },
): Promise<string[]> {
  const receivers = new Set<ActorName>(row.receivers ?? ACTORS.filter((a) => row.expect[a] === 'OK'));
  const subs = ACTORS.map((actor) => ({
    actor,
    sub: subscribe(
      world.api.baseUrl,
      row.query,
      row.variables(world),
      tokenOf(world, actor, row.keys?.org, row.keys?.scope),
    ),
  }));
  const refusal = (s: (typeof subs)[number]['sub']): string | null => {
    const failure = s.failure() as { extensions?: { code?: string } }[] | { code?: number } | undefined;
    if (Array.isArray(failure)) return failure[0]?.extensions?.code ?? `UNKNOWN ${JSON.stringify(failure)}`;
    if (failure) return `CLOSED_${(failure as { code?: number }).code ?? ''}`;
    const errored = s.received.find((r) => r.errors?.length) as {
      errors: { extensions?: { code?: string } }[];
    };
    return errored ? (errored.errors[0].extensions?.code ?? `UNKNOWN ${JSON.stringify(errored)}`) : null;
  };
  try {
    const refusedActors = ACTORS.filter((a) => row.expect[a] !== 'OK');
    await waitUntil(
      () => subs.every((s) => !refusedActors.includes(s.actor) || refusal(s.sub) !== null),
      5_000,
    );
    // Let the accepted subscriptions reach Redis before the trigger fires.
    await new Promise((r) => setTimeout(r, 500));
    await row.trigger(world);
    const gotData = (s: (typeof subs)[number]) => s.sub.received.some((r) => r.data);
    await waitUntil(() => subs.every((s) => !receivers.has(s.actor) || gotData(s)), 10_000);
    // Live updates are coalesced (250 ms): give a leak the time to arrive.
    await new Promise((r) => setTimeout(r, 750));
    const mismatches: string[] = [];
    for (const s of subs) {
      figures.cells += 1;
      figures.subscriptions += 1;
      const outcome = refusal(s.sub) ?? 'OK';
      const where = `${row.op} as ${s.actor}`;
      if (outcome !== row.expect[s.actor])
        mismatches.push(`${where}: expected ${row.expect[s.actor]}, got ${outcome}`);
      if (outcome !== 'OK') figures.refusedCells += 1;
      if (receivers.has(s.actor) && !gotData(s))
        mismatches.push(`${where}: the trigger's event never arrived`);
      if (!receivers.has(s.actor) && gotData(s)) {
        figures.leaks += 1;
        mismatches.push(`${where}: received ${JSON.stringify(s.sub.received).slice(0, 200)}`);
      }
    }
    return mismatches;
  } finally {
    await Promise.all(subs.map((s) => s.sub.close().catch(() => undefined)));
  }
}
