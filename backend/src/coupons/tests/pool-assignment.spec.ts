import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { ACCEPT, creatorIdOf, sendOffer, terms } from '../../negotiation/tests/negotiation-factories';
import { buildWorld, MatrixRow, runMatrix, World } from '../../testing/authz-matrix';
import { errorCode, signUp, unique } from '../../testing/factories';
import { GqlResult, startTestApp, TestApp } from '../../testing/test-app';
import { createCampaign, createPool, redeem, redeemBody } from './coupon-factories';

const ASSIGN = `mutation($poolId: ID!, $creatorId: ID!) {
  assignCouponPool(poolId: $poolId, creatorId: $creatorId) { id creator { id } campaign { id } }
}`;
const REDEEM = `mutation($input: RedeemCouponInput!) {
  redeemCoupon(input: $input) { id creator { id } campaign { id name } stream { id } drop { id } }
}`;
const CAMPAIGN_POOLS = `query($id: ID!) { campaign(id: $id) { id couponPools { id name campaign { id } } } }`;

async function ok(promise: Promise<GqlResult>) {
  const res = await promise;
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

describe('coupon pool assignment and the links between pools, campaigns and redemptions', () => {
  let t: TestApp;
  let world: World;
  let campaignId: string;
  let creatorId: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    creatorId = await creatorIdOf(t, world.creator);
    campaignId = await createCampaign(t, world.brand);
    const sent = await ok(
      sendOffer(t, world.brand, campaignId, creatorId, { terms: terms('0.00', { roseAllowance: 100 }) }),
    );
    await ok(t.gql(ACCEPT, { id: sent.sendOffer.id, v: 1 }, world.creator.accessToken));
  });
  afterAll(() => t.close());

  const creatorOf = async (poolId: string) =>
    (await t.dataSource.query(`SELECT creator_id FROM coupon_pools WHERE id = $1`, [poolId]))[0].creator_id;

  it('binds a pool to a creator with an accepted offer; its redemptions record that creator', async () => {
    const { id: poolId, codes } = await createPool(t, world.brand, campaignId, { size: 3 });
    const key = world.tokens.keyWithScope as string;
    const before = await (await redeem(t, key, unique('k'), redeemBody(codes[0]))).json();
    expect(before.creatorId).toBeNull();

    const assigned = await ok(t.gql(ASSIGN, { poolId, creatorId }, world.brand.accessToken));
    expect(assigned.assignCouponPool).toEqual({
      id: poolId,
      creator: { id: creatorId },
      campaign: { id: campaignId },
    });
    const after = await (await redeem(t, key, unique('k'), redeemBody(codes[1]))).json();
    expect(after.creatorId).toBe(creatorId);
    const viaGraphql = await ok(
      t.gql(
        REDEEM,
        { input: { ...redeemBody(codes[2]), idempotencyKey: unique('g') } },
        world.brand.accessToken,
      ),
    );
    expect(viaGraphql.redeemCoupon).toMatchObject({
      creator: { id: creatorId },
      campaign: { id: campaignId, name: expect.any(String) },
      stream: null,
      drop: null,
    });
    // Redemptions made before the assignment keep the creator they were recorded with.
    const [first] = await t.dataSource.query(`SELECT creator_id FROM redemptions WHERE id = $1`, [before.id]);
    expect(first.creator_id).toBeNull();
    const audit = await t.dataSource.query(
      `SELECT action, actor_user_id FROM audit_entries WHERE subject_id = $1`,
      [poolId],
    );
    expect(audit).toEqual([{ action: 'coupon_pool.assigned', actor_user_id: world.brand.userId }]);
    // Assigning the same creator again changes nothing.
    await ok(t.gql(ASSIGN, { poolId, creatorId }, world.brand.accessToken));
    expect(
      await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entries WHERE subject_id = $1`, [
        poolId,
      ]),
    ).toEqual([{ n: 1 }]);
  });

  it('refuses unknown pools and creators, creators without an accepted offer, and closed campaigns; nothing changes', async () => {
    const { id: poolId } = await createPool(t, world.brand, campaignId, { size: 1 });
    const stranger = await creatorIdOf(t, await signUp(t, 'CREATOR'));
    const unknown = '00000000-0000-4000-8000-000000000000';
    const call = (p: string, c: string) =>
      t.gql(ASSIGN, { poolId: p, creatorId: c }, world.brand.accessToken);

    expect(errorCode(await call(unknown, creatorId))).toBe('NOT_FOUND');
    expect(errorCode(await call('not-an-id', creatorId))).toBe('NOT_FOUND');
    expect(errorCode(await call(poolId, unknown))).toBe('NOT_FOUND');
    expect(errorCode(await call(poolId, 'not-an-id'))).toBe('NOT_FOUND');
    const noOffer = await call(poolId, stranger);
    expect(noOffer.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'creatorId', message: expect.stringContaining('no accepted offer') }],
    });
    expect(noOffer.data).toBeNull();

    const closed = await createCampaign(t, world.brand);
    const { id: closedPool } = await createPool(t, world.brand, closed, { size: 1 });
    await t.dataSource.query(`UPDATE campaigns SET status = 'COMPLETED' WHERE id = $1`, [closed]);
    expect(errorCode(await call(closedPool, creatorId))).toBe('CONFLICT');
    expect(await creatorOf(poolId)).toBeNull();
    expect(await creatorOf(closedPool)).toBeNull();
  });

  it('answers every actor as the matrix says', async () => {
    const { id: poolId } = await createPool(t, world.brand, campaignId, { size: 1 });
    const rows: MatrixRow[] = [
      {
        operation: 'assignCouponPool',
        call: (t, _w, token) => t.gql(ASSIGN, { poolId, creatorId }, token),
        expect: {
          owner: 'OK',
          manager: 'OK',
          viewer: 'FORBIDDEN',
          otherTenant: 'NOT_FOUND',
          agencyWithGrant: 'OK',
          agencyWithoutGrant: 'NOT_FOUND',
          creator: 'NOT_FOUND',
          anonymous: 'UNAUTHENTICATED',
          keyWithScope: 'FORBIDDEN',
          keyWithoutScope: 'FORBIDDEN',
        },
      },
    ];
    expect(await runMatrix(t, world, rows)).toEqual([]);
  });

  it('lists a campaign’s pools to the brand side only, through one query per field', async () => {
    const pools = [
      await createPool(t, world.brand, campaignId, { size: 1 }),
      await createPool(t, world.brand, campaignId, { size: 1 }),
    ].map((p) => p.id);
    const asBrand = await ok(t.gql(CAMPAIGN_POOLS, { id: campaignId }, world.brand.accessToken));
    expect(asBrand.campaign.couponPools.map((p: { id: string }) => p.id)).toEqual(
      expect.arrayContaining(pools),
    );
    for (const pool of asBrand.campaign.couponPools) expect(pool.campaign).toEqual({ id: campaignId });
    const asAgency = await ok(t.gql(CAMPAIGN_POOLS, { id: campaignId }, world.tokens.agencyWithGrant));
    expect(asAgency.campaign.couponPools).toEqual(asBrand.campaign.couponPools);
    // The creator reaches the campaign through its offer, but not the brand's pools.
    const asCreator = await ok(
      t.gql(`{ offers { nodes { campaign { id couponPools { id } } } } }`, {}, world.creator.accessToken),
    );
    expect(asCreator.offers.nodes).toEqual([{ campaign: { id: campaignId, couponPools: [] } }]);

    // Campaign.couponPools is one statement, and CouponPool.campaign one more, for 2 or 7 campaigns.
    // (Counted by their SQL: the worker of this app runs jobs of its own meanwhile.)
    for (let i = 0; i < 6; i++)
      await createPool(t, world.brand, await createCampaign(t, world.brand), { size: 1 });
    const list = `query($first: Int) { campaigns(first: $first) { nodes { id couponPools { id campaign { id name } } } } }`;
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const statements = async (first: number) => {
      spy.mockClear();
      const res = await ok(t.gql(list, { first }, world.brand.accessToken));
      expect(res.campaigns.nodes).toHaveLength(first);
      for (const node of res.campaigns.nodes) expect(node.couponPools.length).toBeGreaterThan(0);
      const sql = spy.mock.calls.map(([text]) => String(text));
      return {
        pools: sql.filter((q) => q.includes('FROM "coupon_pools" "p" INNER JOIN "campaigns"')).length,
        campaigns: sql.filter((q) => /FROM campaigns c WHERE c\.id = ANY/.test(q)).length,
      };
    };
    try {
      expect(await statements(2)).toEqual({ pools: 1, campaigns: 1 });
      expect(await statements(7)).toEqual({ pools: 1, campaigns: 1 });
    } finally {
      spy.mockRestore();
    }
  });
});
