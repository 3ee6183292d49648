import { startTestApp, TestApp } from '../../testing/test-app';
import { claim, dropWorld, DropWorld, ledgerOf, openDrop, scheduleDrop } from './drop-world';

const END = {
  complete: `mutation($id: ID!) { completeCampaign(id: $id) { status spent { amount } reserved { amount } } }`,
  cancel: `mutation($id: ID!) { cancelCampaign(id: $id) { status spent { amount } reserved { amount } } }`,
};

async function dropsOf(t: TestApp, campaignId: string) {
  return t.dataSource.query(
    `SELECT id, status, claimed_roses, (SELECT count(*)::int FROM drop_claims c WHERE c.drop_id = d.id) AS claims
       FROM drops d WHERE campaign_id = $1 ORDER BY created_at`,
    [campaignId],
  );
}

/** Spent and reserved recomputed from the ledger entries (the source of truth for the campaign totals). */
async function ledgerSums(t: TestApp, campaignId: string) {
  const [row] = await t.dataSource.query(
    `SELECT coalesce(sum(amount) FILTER (WHERE kind = 'COMMIT'), 0)::float8 AS committed,
            coalesce(sum(CASE kind WHEN 'RESERVE' THEN amount WHEN 'RELEASE' THEN -amount ELSE 0 END), 0)::float8 AS held
       FROM ledger_entries WHERE campaign_id = $1`,
    [campaignId],
  );
  return row as { committed: number; held: number };
}

async function scheduledAndOpen(t: TestApp, w: DropWorld) {
  const open = (await scheduleDrop(t, w, { roseCount: 50 })).data.scheduleDrop.id as string;
  const later = (await scheduleDrop(t, w, { roseCount: 40 })).data.scheduleDrop.id as string;
  await openDrop(t, w, open);
  for (let i = 0; i < 7; i++) expect((await claim(t, w.claimKey, open, `viewer-${i}`)).status).toBe(201);
  return { open, later };
}

describe('ending a campaign settles its drops', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { DATABASE_POOL_SIZE: '20' } })));
  afterAll(() => t.close());

  it('completing commits what open drops gave away, cancels scheduled drops and leaves nothing reserved', async () => {
    const w = await dropWorld(t, { budget: '500.00' });
    const { open, later } = await scheduledAndOpen(t, w);

    const res = await t.gql(END.complete, { id: w.campaignId }, w.brand.accessToken);
    expect(res.errors).toBeUndefined();
    expect(res.data.completeCampaign.status).toBe('COMPLETED');
    expect(res.data.completeCampaign.reserved.amount).toBe('0.00');

    const drops = await dropsOf(t, w.campaignId);
    expect(drops).toEqual([
      { id: open, status: 'COMPLETED', claimed_roses: 7, claims: 7 },
      { id: later, status: 'CANCELLED', claimed_roses: 0, claims: 0 },
    ]);
    const { totals } = await ledgerOf(t, w.campaignId);
    const sums = await ledgerSums(t, w.campaignId);
    expect(Number(totals.reserved)).toBe(0);
    expect(sums).toEqual({ committed: Number(totals.spent), held: 0 });
    // Claims after the end are refused and change nothing.
    expect((await claim(t, w.claimKey, open, 'late-viewer')).status).toBe(410);
    expect((await dropsOf(t, w.campaignId))[0].claims).toBe(7);
  });

  it('cancelling marks open and scheduled drops CANCELLED, commits only the claimed roses', async () => {
    const w = await dropWorld(t, { budget: '500.00' });
    const { open, later } = await scheduledAndOpen(t, w);
    const before = await ledgerOf(t, w.campaignId);

    const res = await t.gql(END.cancel, { id: w.campaignId }, w.brand.accessToken);
    expect(res.errors).toBeUndefined();
    const drops = await dropsOf(t, w.campaignId);
    expect(drops.map((d: { status: string }) => d.status)).toEqual(['CANCELLED', 'CANCELLED']);
    expect(drops[0]).toMatchObject({ id: open, claimed_roses: 7 });
    expect(drops[1]).toMatchObject({ id: later, claimed_roses: 0 });
    const after = await ledgerOf(t, w.campaignId);
    expect(Number(after.totals.reserved)).toBe(0);
    // What was spent before plus exactly the 7 claimed roses' cost (one commit entry for the drop).
    const dropCommits = after.entries.filter(
      (e: { kind: string; ref_id: string }) => e.kind === 'COMMIT' && e.ref_id === open,
    );
    expect(dropCommits).toHaveLength(1);
    expect(Number(after.totals.spent)).toBeCloseTo(
      Number(before.totals.spent) + Number(dropCommits[0].amount),
      2,
    );
    expect(await ledgerSums(t, w.campaignId)).toEqual({ committed: Number(after.totals.spent), held: 0 });
  });

  it('a claim burst racing the cancel: every claim that succeeded is paid for, no rose after the end, books exact', async () => {
    for (let round = 0; round < 3; round++) {
      const w = await dropWorld(t, { budget: '900.00' });
      const dropId = (await scheduleDrop(t, w, { roseCount: 400 })).data.scheduleDrop.id as string;
      await openDrop(t, w, dropId);
      const burst = Array.from({ length: 300 }, (_, i) => claim(t, w.claimKey, dropId, `v-${round}-${i}`));
      const cancel = new Promise((r) => setTimeout(r, 15 * (round + 1))).then(() =>
        t.gql(END.cancel, { id: w.campaignId }, w.brand.accessToken),
      );
      const [answers, cancelled] = await Promise.all([Promise.all(burst), cancel]);
      expect(cancelled.errors).toBeUndefined();
      const accepted = answers.filter((a) => a.status === 201).length;
      expect(answers.every((a) => a.status === 201 || a.status === 410)).toBe(true);

      const [drop] = await dropsOf(t, w.campaignId);
      expect(drop.status).toBe('CANCELLED');
      expect(drop.claims).toBe(accepted);
      expect(drop.claimed_roses).toBe(accepted);
      const { totals, entries } = await ledgerOf(t, w.campaignId);
      expect(Number(totals.reserved)).toBe(0);
      const commit = entries.filter(
        (e: { kind: string; ref_id: string }) => e.kind === 'COMMIT' && e.ref_id === dropId,
      );
      const [{ price }] = await t.dataSource.query(
        `SELECT unit_price::text AS price FROM drops WHERE id = $1`,
        [dropId],
      );
      const expected = (Number(price) * accepted).toFixed(2);
      expect(commit.map((e: { amount: string }) => Number(e.amount).toFixed(2))).toEqual(
        accepted === 0 ? [] : [expected],
      );
      expect(await ledgerSums(t, w.campaignId)).toEqual({ committed: Number(totals.spent), held: 0 });
    }
  });
});
