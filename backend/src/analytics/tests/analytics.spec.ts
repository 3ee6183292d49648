import { createApiKey, signUp, SignedUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { claim, dropWorld, DropWorld, openDrop, scheduleDrop } from '../../drops/tests/drop-world';
import { gift, postEvents } from '../../ingest/tests/ingest-helpers';
import { RollupsService } from '../rollups.service';
import { poolWithOneCode } from './analytics-fixtures';

const MIN = 60_000;

/**
 * A fixed synthetic stream: T0 (an hour boundary 2-3 hours ago) to T0+30 min; 2 roses in each minute
 * 0..29 except 40 in minute 20; one drop open T0+17..T0+19 with 3 claims at T0+18; a 100.00 fee;
 * redemptions of 50.00 (of the drop) and 70.00 SUCCEEDED at T0+25, one of 999.00 rolled back.
 */
describe('analytics', () => {
  let t: TestApp;
  let w: DropWorld;
  let T0: number;
  let dropId: string;
  let otherBrand: SignedUp;
  let agency: SignedUp;

  const q = (query: string, vars: Record<string, unknown>, token: string) => t.gql(query, vars, token);

  beforeAll(async () => {
    t = await startTestApp();
    w = await dropWorld(t, { fee: '100.00' });
    const key = (await createApiKey(t, w.creator, ['EVENTS_WRITE'])).secret;
    T0 = Math.floor((Date.now() - 2 * 3600_000) / 3600_000) * 3600_000;

    const drop = await scheduleDrop(t, w, { roseCount: 10 });
    dropId = drop.data.scheduleDrop.id;
    expect((await openDrop(t, w, dropId)).errors).toBeUndefined();
    for (const v of ['v-a', 'v-b', 'v-c']) expect((await claim(t, w.claimKey, dropId, v)).status).toBe(201);

    const events = [];
    for (let m = 0; m < 30; m++)
      events.push(
        gift(
          w.streamId,
          `g-${m}`,
          new Date(T0 + m * MIN + 1000),
          m === 20 ? 40 : 2,
          'rose',
          `viewer-${m % 3}`,
        ),
      );
    events.push({
      eventId: 'like-20',
      streamId: w.streamId,
      type: 'LIKE',
      occurredAt: new Date(T0 + 20 * MIN + 5000).toISOString(),
      viewerId: 'liker',
    });
    events.push({
      eventId: 'end',
      streamId: w.streamId,
      type: 'STREAM_ENDED',
      occurredAt: new Date(T0 + 30 * MIN).toISOString(),
    });
    const res = await postEvents(t, key, { events });
    expect(await res.json()).toEqual({ accepted: 32, duplicates: 0 });

    // Pin the timing of what the APIs stamped with "now".
    await t.dataSource.query(`UPDATE streams SET started_at = $2, ended_at = $3 WHERE id = $1`, [
      w.streamId,
      new Date(T0),
      new Date(T0 + 30 * MIN),
    ]);
    await t.dataSource.query(`UPDATE drops SET opened_at = $2, closed_at = $3 WHERE id = $1`, [
      dropId,
      new Date(T0 + 17 * MIN),
      new Date(T0 + 19 * MIN),
    ]);
    await t.dataSource.query(`UPDATE drop_claims SET claimed_at = $2 WHERE drop_id = $1`, [
      dropId,
      new Date(T0 + 18 * MIN),
    ]);
    const { poolId, codeId } = await poolWithOneCode(t.dataSource, w.campaignId, 'AN');
    const redeem = (amount: string, withDrop: boolean, rolledBack: boolean) =>
      t.dataSource.query(
        `INSERT INTO redemptions (pool_id, code_id, campaign_id, creator_id, stream_id, drop_id, customer_id, order_id,
                                  order_amount, currency, discount, status, redeemed_at, rolled_back_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'c', $7, $8, 'USD', 0, $9, $10, $11)`,
        [
          poolId,
          codeId,
          w.campaignId,
          w.creatorId,
          w.streamId,
          withDrop ? dropId : null,
          `o-${amount}`,
          amount,
          rolledBack ? 'ROLLED_BACK' : 'SUCCEEDED',
          new Date(T0 + 25 * MIN),
          rolledBack ? new Date() : null,
        ],
      );
    await redeem('50.00', true, false);
    await redeem('70.00', false, false);
    await redeem('999.00', false, true);

    const rollups = t.app.get(RollupsService);
    await t.dataSource.query(`DELETE FROM stream_minute_rollups WHERE stream_id = $1`, [w.streamId]);
    await rollups.markStream(w.streamId);
    for (let i = 0; i < 50; i++) {
      await rollups.processDirty(w.streamId);
      const left = await t.dataSource.query(`SELECT 1 FROM rollup_dirty WHERE stream_id = $1`, [w.streamId]);
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    otherBrand = await signUp(t, 'BRAND');
    agency = await signUp(t, 'AGENCY');
  });
  afterAll(() => t.close());

  const TIMELINE = `query($s: ID!, $b: Int) { streamTimeline(streamId: $s, bucketSeconds: $b) { at giftedRoses viewers claims claimedRoses redemptions } }`;

  it('gives 60 s buckets from start to end, empty ones filled, oldest first', async () => {
    const res = await q(TIMELINE, { s: w.streamId, b: 60 }, w.brand.accessToken);
    expect(res.errors).toBeUndefined();
    const buckets = res.data.streamTimeline;
    expect(buckets).toHaveLength(31);
    expect(buckets[0].at).toBe(new Date(T0).toISOString());
    expect(buckets[30].at).toBe(new Date(T0 + 30 * MIN).toISOString());
    expect(buckets.map((b: { giftedRoses: number }) => b.giftedRoses)).toEqual([
      ...Array(20).fill(2),
      40,
      ...Array(9).fill(2),
      0,
    ]);
    expect(buckets[20].viewers).toBe(2); // viewer-2 and the liker
    expect(buckets[18]).toMatchObject({ claims: 3, claimedRoses: 3 });
    expect(buckets[25].redemptions).toBe(2);
    // The creator sees it too.
    expect((await q(TIMELINE, { s: w.streamId, b: 60 }, w.creator.accessToken)).errors).toBeUndefined();
  });

  it('sums 300 s and 3600 s buckets and refuses other sizes', async () => {
    const five = (await q(TIMELINE, { s: w.streamId, b: 300 }, w.brand.accessToken)).data.streamTimeline;
    expect(five.map((b: { giftedRoses: number }) => b.giftedRoses)).toEqual([10, 10, 10, 10, 48, 10, 0]);
    const hour = (await q(TIMELINE, { s: w.streamId, b: 3600 }, w.brand.accessToken)).data.streamTimeline;
    expect(hour).toEqual([
      {
        at: new Date(T0).toISOString(),
        giftedRoses: 98,
        viewers: 2,
        claims: 3,
        claimedRoses: 3,
        redemptions: 2,
      },
    ]);
    const bad = await q(TIMELINE, { s: w.streamId, b: 120 }, w.brand.accessToken);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  const SPIKES = `query($s: ID, $c: ID, $f: Float) { giftSpikes(streamId: $s, campaignId: $c, minFactor: $f) {
    stream { id } startedAt endedAt giftedRoses baseline factor nearDrop { id } } }`;

  it('finds the 40-rose minute as a spike: baseline = median 2, factor 20, near the drop', async () => {
    const expected = [
      {
        stream: { id: w.streamId },
        startedAt: new Date(T0 + 20 * MIN).toISOString(),
        endedAt: new Date(T0 + 21 * MIN).toISOString(),
        giftedRoses: 40,
        baseline: 2,
        factor: 20,
        nearDrop: { id: dropId },
      },
    ];
    const byStream = await q(SPIKES, { s: w.streamId }, w.brand.accessToken);
    expect(byStream.data.giftSpikes).toEqual(expected);
    const byCampaign = await q(SPIKES, { c: w.campaignId }, w.brand.accessToken);
    expect(byCampaign.data.giftSpikes).toEqual(expected);
    expect((await q(SPIKES, { s: w.streamId, f: 25 }, w.brand.accessToken)).data.giftSpikes).toEqual([]);
    // The drop closed at T0+19, 1 minute before the spike: still near. Closed 6 minutes before: not.
    await t.dataSource.query(`UPDATE drops SET opened_at = $2, closed_at = $3 WHERE id = $1`, [
      dropId,
      new Date(T0 + 10 * MIN),
      new Date(T0 + 14 * MIN),
    ]);
    try {
      expect(
        (await q(SPIKES, { s: w.streamId }, w.brand.accessToken)).data.giftSpikes[0].nearDrop,
      ).toBeNull();
    } finally {
      await t.dataSource.query(`UPDATE drops SET opened_at = $2, closed_at = $3 WHERE id = $1`, [
        dropId,
        new Date(T0 + 17 * MIN),
        new Date(T0 + 19 * MIN),
      ]);
    }
    expect((await q(SPIKES, {}, w.brand.accessToken)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('keeps the timeline to the air time: a redemption an hour after the end neither stretches it nor flattens the spike', async () => {
    const late = new Date(T0 + 90 * MIN);
    await t.dataSource.query(
      `INSERT INTO stream_minute_rollups (stream_id, minute, redemptions) VALUES ($1, $2, 1)`,
      [w.streamId, late],
    );
    try {
      const buckets = (await q(TIMELINE, { s: w.streamId, b: 60 }, w.brand.accessToken)).data.streamTimeline;
      expect(buckets).toHaveLength(31);
      expect(buckets[30].at).toBe(new Date(T0 + 30 * MIN).toISOString());
      const spikes = (await q(SPIKES, { s: w.streamId }, w.brand.accessToken)).data.giftSpikes;
      expect(spikes.map((s: { baseline: number; factor: number }) => [s.baseline, s.factor])).toEqual([
        [2, 20],
      ]);
    } finally {
      await t.dataSource.query(`DELETE FROM stream_minute_rollups WHERE stream_id = $1 AND minute = $2`, [
        w.streamId,
        late,
      ]);
    }
  });

  const METRICS = `spend { amount currency } creatorFees { amount } dropCost { amount } rosesDropped claims uniqueViewers
    giftedRoses redemptions attributedRevenue { amount currency } roi roas costPerRedemption { amount } claimConversion`;
  const REPORT = `query($c: ID!) { campaignReport(campaignId: $c) { campaign { id } metrics { ${METRICS} }
    byCreator { creator { id } metrics { ${METRICS} } }
    byDrop { drop { id } claims uniqueViewers redemptions attributedRevenue { amount } }
    spikes { giftedRoses factor nearDrop { id } } } }`;

  it('reports campaign metrics: fee 100.00 + 3 roses x 0.01, revenue 120.00 of SUCCEEDED redemptions', async () => {
    const res = await q(REPORT, { c: w.campaignId }, w.brand.accessToken);
    expect(res.errors).toBeUndefined();
    const report = res.data.campaignReport;
    const metrics = {
      spend: { amount: '100.03', currency: 'USD' },
      creatorFees: { amount: '100.00' },
      dropCost: { amount: '0.03' },
      rosesDropped: 3,
      claims: 3,
      uniqueViewers: 3,
      giftedRoses: 98,
      redemptions: 2,
      attributedRevenue: { amount: '120.00', currency: 'USD' },
      roi: (120 - 100.03) / 100.03,
      roas: 120 / 100.03,
      costPerRedemption: { amount: '50.02' },
      claimConversion: 2 / 3,
    };
    expect(report.metrics.roi).toBeCloseTo(metrics.roi, 10);
    expect(report.metrics.roas).toBeCloseTo(metrics.roas, 10);
    expect({ ...report.metrics, roi: 0, roas: 0 }).toEqual({ ...metrics, roi: 0, roas: 0 });
    expect(report.byCreator).toHaveLength(1);
    expect(report.byCreator[0].creator.id).toBe(w.creatorId);
    expect({ ...report.byCreator[0].metrics, roi: 0, roas: 0 }).toEqual({ ...metrics, roi: 0, roas: 0 });
    expect(report.byDrop).toEqual([
      {
        drop: { id: dropId },
        claims: 3,
        uniqueViewers: 3,
        redemptions: 1,
        attributedRevenue: { amount: '50.00' },
      },
    ]);
    expect(report.spikes).toEqual([{ giftedRoses: 40, factor: 20, nearDrop: { id: dropId } }]);

    const viaCampaign = await q(
      `query($c: ID!) { campaign(id: $c) { metrics { ${METRICS} } } }`,
      { c: w.campaignId },
      w.brand.accessToken,
    );
    expect(viaCampaign.errors).toBeUndefined();
    expect(viaCampaign.data.campaign.metrics.spend.amount).toBe('100.03');
    expect(viaCampaign.data.campaign.metrics.claimConversion).toBeCloseTo(2 / 3, 10);
  });

  it('gives null ratios when spend and claims are zero', async () => {
    const fresh = await dropWorld(t, { fee: '0.00' });
    const res = await q(
      `query($c: ID!) { campaign(id: $c) { metrics { ${METRICS} } } }`,
      { c: fresh.campaignId },
      fresh.brand.accessToken,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.campaign.metrics).toMatchObject({
      roi: null,
      roas: null,
      costPerRedemption: null,
      claimConversion: null,
      spend: { amount: '0.00' },
    });
  });

  const OVERVIEW = `query($a: ID!, $from: DateTime, $to: DateTime) { agencyOverview(agencyId: $a, from: $from, to: $to) {
    agency { id } brands { brand { id } activeCampaigns spend { amount currency } attributedRevenue { amount } roi }
    totals { brand { id } activeCampaigns spend { amount currency } attributedRevenue { amount } roi } } }`;

  it('hides everything from another brand and from an agency without a grant', async () => {
    for (const who of [otherBrand, agency]) {
      expect(
        (await q(TIMELINE, { s: w.streamId, b: 60 }, who.accessToken)).errors?.[0].extensions?.code,
      ).toBe('NOT_FOUND');
      expect((await q(REPORT, { c: w.campaignId }, who.accessToken)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect((await q(SPIKES, { c: w.campaignId }, who.accessToken)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect((await q(SPIKES, { s: w.streamId }, who.accessToken)).errors?.[0].extensions?.code).toBe(
        'NOT_FOUND',
      );
    }
    const overview = await q(OVERVIEW, { a: agency.organizationId }, agency.accessToken);
    expect(overview.errors).toBeUndefined();
    expect(overview.data.agencyOverview).toEqual({
      agency: { id: agency.organizationId },
      brands: [],
      totals: [],
    });
    // Not a member of that agency.
    expect(
      (await q(OVERVIEW, { a: agency.organizationId }, otherBrand.accessToken)).errors?.[0].extensions?.code,
    ).toBe('NOT_FOUND');
  });

  it('rolls up granted brands for the agency, with totals per currency', async () => {
    const granted = await q(
      `mutation($b: ID!, $a: ID!) { grantAgencyAccess(brandId: $b, agencyId: $a) { grantedAt } }`,
      { b: w.brand.organizationId, a: agency.organizationId },
      w.brand.accessToken,
    );
    expect(granted.errors).toBeUndefined();
    const res = await q(OVERVIEW, { a: agency.organizationId }, agency.accessToken);
    expect(res.errors).toBeUndefined();
    const row = {
      activeCampaigns: 1,
      spend: { amount: '100.03', currency: 'USD' },
      attributedRevenue: { amount: '120.00' },
    };
    expect(res.data.agencyOverview.brands).toEqual([
      { brand: { id: w.brand.organizationId }, ...row, roi: expect.any(Number) },
    ]);
    expect(res.data.agencyOverview.totals).toEqual([
      { brand: { id: agency.organizationId }, ...row, roi: expect.any(Number) },
    ]);
    expect(res.data.agencyOverview.brands[0].roi).toBeCloseTo((120 - 100.03) / 100.03, 10);
    // The granted agency now reads the report too.
    expect((await q(REPORT, { c: w.campaignId }, agency.accessToken)).errors).toBeUndefined();
    // A window before everything: nothing spent or redeemed in it.
    const early = await q(
      OVERVIEW,
      { a: agency.organizationId, from: '2020-01-01T00:00:00Z', to: '2020-02-01T00:00:00Z' },
      agency.accessToken,
    );
    expect(early.data.agencyOverview.brands[0]).toMatchObject({
      spend: { amount: '0.00' },
      attributedRevenue: { amount: '0.00' },
      roi: null,
    });
  });
});
