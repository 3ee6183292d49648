import { startTestApp, TestApp } from '../../testing/test-app';
import { DropClaimBatches } from '../drop-claim-batches';
import { claim, dropWorld, DropWorld, openDrop, scheduleDrop } from './drop-world';

/**
 * Group commit of claims (DropClaimBatches): concurrent claims of one drop share transactions,
 * and everything a batch cannot decide alone (replays, second claims, the last roses) is still
 * decided exactly.
 */
describe('claim batches', () => {
  let t: TestApp;
  let w: DropWorld;
  let batches: DropClaimBatches;
  let runs: jest.SpyInstance;
  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_POOL_SIZE: '20' } });
    w = await dropWorld(t);
    batches = t.app.get(DropClaimBatches);
  });
  beforeEach(() => (runs = jest.spyOn(batches as unknown as { run: () => unknown }, 'run')));
  afterEach(() => runs.mockRestore());
  afterAll(() => t.close());

  const open = async (input: Record<string, unknown>) => {
    const scheduled = await scheduleDrop(t, w, input);
    if (scheduled.errors) throw new Error(JSON.stringify(scheduled.errors));
    const id = scheduled.data.scheduleDrop.id as string;
    await openDrop(t, w, id);
    return id;
  };
  const rows = (id: string) =>
    t.dataSource.query<{ viewer_id: string; n: number; idempotency_key: string | null; id: string }[]>(
      `SELECT id, viewer_id, n, idempotency_key FROM drop_claims WHERE drop_id = $1`,
      [id],
    );
  const remaining = async (id: string) =>
    (
      await t.dataSource.query(
        `SELECT COALESCE(sum(remaining), 0)::int AS left FROM drop_shards WHERE drop_id = $1`,
        [id],
      )
    )[0].left as number;

  it('shares transactions between concurrent claims and still gives exactly the roses', async () => {
    const id = await open({ roseCount: 400, perViewerLimit: 1 });
    const answers = await Promise.all(
      Array.from({ length: 600 }, (_, i) => claim(t, w.claimKey, id, `burst-${i}`)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(400);
    expect(statuses.filter((s) => s === 410)).toHaveLength(200);
    expect(await rows(id)).toHaveLength(400);
    expect(await remaining(id)).toBe(0);
    // 600 claims in far fewer transactions than claims: they were combined.
    expect(runs.mock.calls.length).toBeLessThan(300);
    expect(Math.max(...runs.mock.calls.map((c) => (c[1] as unknown[]).length))).toBeGreaterThan(1);
  });

  it('decides repeats, limits and replays in the same burst exactly', async () => {
    const id = await open({ roseCount: 1000, perViewerLimit: 2 });
    // 100 viewers, each claiming 3 times at once without a key (2 may succeed), and 100 retries
    // of 50 keyed claims (the same key twice: one claim, the same answer).
    const plain = Array.from({ length: 300 }, (_, i) => ({ viewer: `rep-${i % 100}`, key: undefined }));
    const keyed = Array.from({ length: 100 }, (_, i) => ({ viewer: `key-${i % 50}`, key: `k-${i % 50}` }));
    const answers = await Promise.all(
      [...plain, ...keyed].map(async ({ viewer, key }) => {
        const res = await claim(t, w.claimKey, id, viewer, key);
        return { viewer, key, status: res.status, body: (await res.json()) as { id: string } };
      }),
    );
    const ok = answers.filter((a) => a.status === 201);
    const plainOk = ok.filter((a) => !a.key);
    expect(plainOk).toHaveLength(200);
    expect(answers.filter((a) => !a.key && a.status === 409)).toHaveLength(100);
    // Keyed retries: both answers of one key are the same claim.
    const byKey = new Map<string, Set<string>>();
    for (const a of answers.filter((x) => x.key)) {
      expect(a.status).toBe(201);
      byKey.set(a.key as string, (byKey.get(a.key as string) ?? new Set()).add(a.body.id));
    }
    expect([...byKey.values()].every((ids) => ids.size === 1)).toBe(true);

    const stored = await rows(id);
    expect(stored).toHaveLength(250);
    const perViewer = new Map<string, number[]>();
    for (const r of stored) perViewer.set(r.viewer_id, [...(perViewer.get(r.viewer_id) ?? []), r.n].sort());
    for (let i = 0; i < 100; i++) expect(perViewer.get(`rep-${i}`)).toEqual([1, 2]);
    for (let i = 0; i < 50; i++) expect(perViewer.get(`key-${i}`)).toEqual([1]);
    expect(await remaining(id)).toBe(750);
  });

  it('two replicas claiming for the same viewers at once never fail a claim (no deadlock reaches a viewer)', async () => {
    const other = await startTestApp({
      db: t.db,
      redisPrefix: t.redisPrefix,
      env: { DATABASE_POOL_SIZE: '20' },
    });
    try {
      for (let round = 0; round < 3; round++) {
        const id = await open({ roseCount: 150, perViewerLimit: 1 });
        // 200 viewers, each claiming on both replicas at the same moment: 400 claims for 150 roses.
        const answers = await Promise.all(
          Array.from({ length: 400 }, (_, i) =>
            claim(i % 2 ? other : t, w.claimKey, id, `twin-${round}-${i >> 1}`).then((r) => r.status),
          ),
        );
        expect(answers.filter((s) => ![201, 409, 410].includes(s))).toEqual([]);
        expect(answers.filter((s) => s === 201)).toHaveLength(150);
        const stored = await rows(id);
        expect(stored).toHaveLength(150);
        expect(new Set(stored.map((r) => r.viewer_id)).size).toBe(150);
        expect(await remaining(id)).toBe(0);
      }
    } finally {
      await other.close();
    }
  });

  it('answers the claims of a closed drop one by one: replays still replay, the rest get 410', async () => {
    const id = await open({ roseCount: 10, perViewerLimit: 1 });
    const first = await claim(t, w.claimKey, id, 'early', 'early-key');
    expect(first.status).toBe(201);
    const body = await first.json();
    await t.dataSource.query(`UPDATE drops SET closes_at = now() - interval '1 second' WHERE id = $1`, [id]);
    const [replay, late] = await Promise.all([
      claim(t, w.claimKey, id, 'early', 'early-key'),
      claim(t, w.claimKey, id, 'late'),
    ]);
    expect(replay.status).toBe(201);
    expect(await replay.json()).toEqual(body);
    expect(late.status).toBe(410);
    expect(await rows(id)).toHaveLength(1);
  });
});
