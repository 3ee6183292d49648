import { eventually } from '@bouquet/testing';
import { errorCode } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { claim, DROP_FIELDS, dropWorld, ledgerOf, openDrop, scheduleDrop } from './drop-world';

describe('sponsored rose drops', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { DATABASE_POOL_SIZE: '20' } })));
  afterAll(() => t.close());

  it('survives a burst: 2,000 claims from 1,000 viewers on a 300-rose drop give exactly 300', async () => {
    const w = await dropWorld(t);
    const scheduled = await scheduleDrop(t, w, { roseCount: 300, perViewerLimit: 1 });
    expect(scheduled.data.scheduleDrop).toMatchObject({
      status: 'SCHEDULED',
      cost: { amount: '3.00', currency: 'USD' },
    });
    const id = scheduled.data.scheduleDrop.id;
    expect((await ledgerOf(t, w.campaignId)).totals.reserved).toBe('3.0000');
    expect((await openDrop(t, w, id)).data.openDrop.status).toBe('OPEN');

    const viewers = Array.from({ length: 2000 }, (_, i) => `viewer-${i % 1000}`);
    const statuses = await Promise.all(viewers.map(async (v) => (await claim(t, w.claimKey, id, v)).status));
    expect(statuses.filter((s) => s === 201)).toHaveLength(300);
    expect(statuses.every((s) => s === 201 || s === 409 || s === 410)).toBe(true);

    const perViewer = await t.dataSource.query(
      `SELECT viewer_id, count(*)::int AS n FROM drop_claims WHERE drop_id = $1 GROUP BY viewer_id HAVING count(*) > 1`,
      [id],
    );
    expect(perViewer).toEqual([]);
    await eventually(
      async () =>
        (await t.gql(`query($id: ID!) { drop(id: $id) { status } }`, { id }, w.brand.accessToken)).data.drop
          .status === 'COMPLETED',
    );
    const final = await t.gql(
      `query($id: ID!) { drop(id: $id) { ${DROP_FIELDS} } }`,
      { id },
      w.brand.accessToken,
    );
    expect(final.data.drop).toMatchObject({
      status: 'COMPLETED',
      claimedRoses: 300,
      remainingRoses: 0,
      claimCount: 300,
    });

    const { entries, totals } = await ledgerOf(t, w.campaignId);
    expect(entries.filter((e: { ref_id: string }) => e.ref_id === id)).toEqual([
      { kind: 'RESERVE', amount: '3.0000', ref_type: 'drop', ref_id: id },
      { kind: 'RELEASE', amount: '3.0000', ref_type: 'drop', ref_id: id },
      { kind: 'COMMIT', amount: '3.0000', ref_type: 'drop', ref_id: id },
    ]);
    expect(totals).toMatchObject({ spent: '3.0000', reserved: '0.0000' });
  });

  it('settles the claimed part and releases the rest when the window ends', async () => {
    const w = await dropWorld(t);
    const id = (await scheduleDrop(t, w, { roseCount: 100, claimWindowSeconds: 10 })).data.scheduleDrop.id;
    await openDrop(t, w, id);
    for (let i = 0; i < 7; i++) expect((await claim(t, w.claimKey, id, `v${i}`)).status).toBe(201);
    await t.dataSource.query(`UPDATE drops SET closes_at = now() WHERE id = $1`, [id]);
    const { DropTriggers } = await import('../drop-triggers.service');
    await t.app.get(DropTriggers).onWindowEnd(id);
    const { entries, totals } = await ledgerOf(t, w.campaignId);
    expect(entries.map((e: { kind: string; amount: string }) => `${e.kind} ${e.amount}`)).toEqual([
      'RESERVE 1.0000',
      'RELEASE 0.0700',
      'COMMIT 0.0700',
      'RELEASE 0.9300',
    ]);
    expect(totals).toMatchObject({ spent: '0.0700', reserved: '0.0000' });
    expect((await claim(t, w.claimKey, id, 'late')).status).toBe(410);
  });

  it('lets a viewer claim up to the per-viewer limit and replays idempotent claims', async () => {
    const w = await dropWorld(t);
    const id = (await scheduleDrop(t, w, { roseCount: 50, perViewerLimit: 2 })).data.scheduleDrop.id;
    await openDrop(t, w, id);
    const results = await Promise.all(Array.from({ length: 10 }, () => claim(t, w.claimKey, id, 'greedy')));
    expect(results.filter((r) => r.status === 201)).toHaveLength(2);
    expect(results.filter((r) => r.status === 409)).toHaveLength(8);
    const first = await claim(t, w.claimKey, id, 'calm', 'key-1');
    const again = await Promise.all(
      Array.from({ length: 5 }, () => claim(t, w.claimKey, id, 'calm', 'key-1')),
    );
    const firstBody = await first.json();
    for (const r of again) expect(await r.json()).toEqual(firstBody);
    expect(
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM drop_claims WHERE drop_id = $1 AND viewer_id = 'calm'`,
          [id],
        )
      )[0].n,
    ).toBe(1);
  });

  it('never passes the budget when drops are scheduled concurrently', async () => {
    const w = await dropWorld(t, { budget: '10.00' });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => scheduleDrop(t, w, { roseCount: 300 })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    expect(results.filter((r) => errorCode(r) === 'BUDGET_EXCEEDED')).toHaveLength(9);
    const { totals } = await ledgerOf(t, w.campaignId);
    expect(totals).toMatchObject({ spent: '0.0000', reserved: '9.0000' });
    expect(
      (
        await t.dataSource.query(`SELECT count(*)::int AS n FROM drops WHERE campaign_id = $1`, [
          w.campaignId,
        ])
      )[0].n,
    ).toBe(3);
  });

  it("refuses drops over the creator's rose allowance, even when asked concurrently", async () => {
    const w = await dropWorld(t, { roseAllowance: 1000 });
    const results = await Promise.all(
      Array.from({ length: 6 }, () => scheduleDrop(t, w, { roseCount: 300 })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(3);
    expect(
      results.filter((r) => errorCode(r) === 'BAD_USER_INPUT')[0].errors?.[0].extensions?.fields?.[0].field,
    ).toBe('input.roseCount');
  });

  it('opens a SCHEDULED drop on time through the queue, once', async () => {
    const w = await dropWorld(t);
    const at = new Date(Date.now() + 1500);
    const id = (
      await scheduleDrop(t, w, { trigger: 'SCHEDULED', scheduledAt: at.toISOString(), roseCount: 10 })
    ).data.scheduleDrop.id;
    await eventually(
      async () =>
        (await t.dataSource.query(`SELECT status FROM drops WHERE id = $1`, [id]))[0].status === 'OPEN',
      15_000,
      50,
    );
    const [{ opened_at }] = await t.dataSource.query(`SELECT opened_at FROM drops WHERE id = $1`, [id]);
    const lateness = new Date(opened_at).getTime() - at.getTime();
    expect(lateness).toBeGreaterThanOrEqual(-50);
    const { DropTriggers } = await import('../drop-triggers.service');
    await t.app.get(DropTriggers).onScheduledTime(id);
    expect(
      (await ledgerOf(t, w.campaignId)).entries.filter((e: { ref_id: string }) => e.ref_id === id),
    ).toHaveLength(1);
  });

  it('expires a SCHEDULED drop whose stream never went live, releasing everything', async () => {
    const w = await dropWorld(t, { live: false });
    const id = (
      await scheduleDrop(t, w, {
        trigger: 'SCHEDULED',
        scheduledAt: new Date(Date.now() + 500).toISOString(),
        roseCount: 10,
        claimWindowSeconds: 10,
      })
    ).data.scheduleDrop.id;
    await t.dataSource.query(`UPDATE drops SET scheduled_at = now() - interval '1 minute' WHERE id = $1`, [
      id,
    ]);
    const { DropTriggers } = await import('../drop-triggers.service');
    await t.app.get(DropTriggers).onScheduledTime(id);
    expect((await t.dataSource.query(`SELECT status FROM drops WHERE id = $1`, [id]))[0].status).toBe(
      'EXPIRED',
    );
    expect((await ledgerOf(t, w.campaignId)).totals.reserved).toBe('0.0000');
  });

  it('opens GIFT_MILESTONE drops when the milestone is reported, and closes drops when the stream ends', async () => {
    const w = await dropWorld(t);
    const id = (await scheduleDrop(t, w, { trigger: 'GIFT_MILESTONE', milestoneRoses: 500, roseCount: 20 }))
      .data.scheduleDrop.id;
    const { DropTriggers } = await import('../drop-triggers.service');
    expect(await t.app.get(DropTriggers).onGiftedRoses(w.streamId, 499)).toEqual([]);
    expect(await t.app.get(DropTriggers).onGiftedRoses(w.streamId, 500)).toEqual([id]);
    expect((await claim(t, w.claimKey, id, 'fan')).status).toBe(201);
    await t.gql(
      `mutation($id: ID!) { endStream(id: $id) { status } }`,
      { id: w.streamId },
      w.creator.accessToken,
    );
    await eventually(
      async () =>
        (await t.dataSource.query(`SELECT status FROM drops WHERE id = $1`, [id]))[0].status === 'COMPLETED',
    );
    expect((await ledgerOf(t, w.campaignId)).totals).toMatchObject({ spent: '0.0100', reserved: '0.0000' });
  });

  it('cancels before opening with everything released', async () => {
    const w = await dropWorld(t);
    const id = (await scheduleDrop(t, w, { roseCount: 100 })).data.scheduleDrop.id;
    const res = await t.gql(
      `mutation($id: ID!) { cancelDrop(id: $id) { status } }`,
      { id },
      w.brand.accessToken,
    );
    expect(res.data.cancelDrop.status).toBe('CANCELLED');
    expect((await ledgerOf(t, w.campaignId)).totals.reserved).toBe('0.0000');
    expect(
      errorCode(
        await t.gql(`mutation($id: ID!) { cancelDrop(id: $id) { status } }`, { id }, w.brand.accessToken),
      ),
    ).toBe('CONFLICT');
  });

  it.each([
    ['roseCount 0', { roseCount: 0 }, 'input.roseCount'],
    ['roseCount over a million', { roseCount: 1_000_001 }, 'input.roseCount'],
    ['perViewerLimit 101', { perViewerLimit: 101 }, 'input.perViewerLimit'],
    ['window of 5 s', { claimWindowSeconds: 5 }, 'input.claimWindowSeconds'],
    ['SCHEDULED without a time', { trigger: 'SCHEDULED' }, 'input.scheduledAt'],
    [
      'SCHEDULED in the past',
      { trigger: 'SCHEDULED', scheduledAt: new Date(Date.now() - 1000).toISOString() },
      'input.scheduledAt',
    ],
    ['GIFT_MILESTONE without a milestone', { trigger: 'GIFT_MILESTONE' }, 'input.milestoneRoses'],
    [
      'a pool of another campaign',
      { couponPoolId: '00000000-0000-0000-0000-000000000000' },
      'input.couponPoolId',
    ],
  ])('refuses %s naming the field and reserving nothing', async (_name, input, field) => {
    const w = await dropWorld(t);
    const res = await scheduleDrop(t, w, input);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.fields?.[0].field).toBe(field);
    expect((await ledgerOf(t, w.campaignId)).totals.reserved).toBe('0.0000');
  });

  it('refuses strangers: other brands, other creators, keys without the scope or of another creator', async () => {
    const w = await dropWorld(t);
    const other = await dropWorld(t);
    const id = (await scheduleDrop(t, w, { roseCount: 10 })).data.scheduleDrop.id;
    expect(errorCode(await openDrop(t, { ...w, brand: other.brand }, id))).toBe('NOT_FOUND');
    expect(
      errorCode(await t.gql(`query($id: ID!) { drop(id: $id) { id } }`, { id }, other.creator.accessToken)),
    ).toBe('NOT_FOUND');
    expect(errorCode(await scheduleDrop(t, { ...w, brand: other.brand }, { roseCount: 10 }))).toBe(
      'NOT_FOUND',
    );
    await openDrop(t, w, id);
    expect((await claim(t, other.claimKey, id, 'v')).status).toBe(404);
    const { createApiKey } = await import('../../testing/factories');
    const wrongScope = (await createApiKey(t, w.creator, ['EVENTS_WRITE'])).secret;
    expect((await claim(t, wrongScope, id, 'v')).status).toBe(403);
    expect((await claim(t, 'bq_live_' + 'x'.repeat(43), id, 'v')).status).toBe(401);
    const big = await t.http(`/v1/drops/${id}/claims`, {
      method: 'POST',
      token: w.claimKey,
      json: { viewerId: 'x'.repeat(129) },
    });
    expect(big.status).toBe(400);
    expect((await big.json()).error.fields[0].field).toBe('viewerId');
    expect(
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM drop_claims WHERE drop_id = $1`, [id]))[0].n,
    ).toBe(0);
  });

  it('shows drops and offers on their campaign and stream, to the brand and the creator only', async () => {
    const w = await dropWorld(t);
    const other = await dropWorld(t);
    const id = (await scheduleDrop(t, w, { roseCount: 10 })).data.scheduleDrop.id;
    const q = `query($c: ID!, $s: ID!) { campaign(id: $c) { offers { totalCount nodes { status } } drops { totalCount nodes { id } } }
      stream(id: $s) { drops { id stream { id } campaign { id } } } }`;
    const brandView = await t.gql(q, { c: w.campaignId, s: w.streamId }, w.brand.accessToken);
    expect(brandView.data.campaign).toEqual({
      offers: { totalCount: 1, nodes: [{ status: 'ACCEPTED' }] },
      drops: { totalCount: 1, nodes: [{ id }] },
    });
    expect(brandView.data.stream.drops).toEqual([
      { id, stream: { id: w.streamId }, campaign: { id: w.campaignId } },
    ]);
    const creatorView = await t.gql(
      `query($s: ID!) { stream(id: $s) { drops { id } } }`,
      { s: w.streamId },
      w.creator.accessToken,
    );
    expect(creatorView.data.stream.drops).toEqual([{ id }]);
    const strangerView = await t.gql(
      `query($s: ID!) { stream(id: $s) { drops { id } } }`,
      { s: w.streamId },
      other.brand.accessToken,
    );
    expect(strangerView.data?.stream?.drops ?? []).toEqual([]);
  });
});
