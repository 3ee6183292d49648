import { unique } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { createPool } from '../../coupons/tests/coupon-factories';
import { claim, dropWorld, openDrop, scheduleDrop } from './drop-world';

const DROP_POOL = `query($id: ID!) { drop(id: $id) { id couponPool { id issuedCount campaign { id } } } }`;
const REDEEM = `mutation($input: RedeemCouponInput!) {
  redeemCoupon(input: $input) {
    code campaign { id } creator { id } stream { id title } drop { id couponPool { id } }
  }
}`;

describe('drops with a coupon pool', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { DATABASE_POOL_SIZE: '20' } })));
  afterAll(() => t.close());

  it('gives every claim of a burst its own code: all distinct, all ISSUED to the drop, issuedCount exact', async () => {
    const w = await dropWorld(t);
    const { id: poolId } = await createPool(t, w.brand, w.campaignId, { size: 260 });
    const scheduled = await scheduleDrop(t, w, { roseCount: 200, couponPoolId: poolId });
    const dropId = scheduled.data.scheduleDrop.id;
    await openDrop(t, w, dropId);

    const answers = await Promise.all(
      Array.from({ length: 220 }, async (_, i) => {
        const res = await claim(t, w.claimKey, dropId, `viewer-${i}`);
        return { status: res.status, body: (await res.json()) as { couponCode?: string } };
      }),
    );
    const claimed = answers.filter((a) => a.status === 201);
    expect(claimed).toHaveLength(200);
    expect(answers.filter((a) => a.status !== 201).every((a) => a.status === 410)).toBe(true);
    const codes = claimed.map((a) => a.body.couponCode);
    expect(codes.every((c) => typeof c === 'string' && c.length > 0)).toBe(true);
    expect(new Set(codes).size).toBe(200);

    const rows = await t.dataSource.query(
      `SELECT code, status, issued_drop_id, issued_stream_id, issued_at FROM coupon_codes WHERE pool_id = $1 AND code = ANY($2)`,
      [poolId, codes],
    );
    expect(rows).toHaveLength(200);
    for (const row of rows)
      expect(row).toMatchObject({
        status: 'ISSUED',
        issued_drop_id: dropId,
        issued_stream_id: w.streamId,
        issued_at: expect.any(Date),
      });
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM coupon_codes k WHERE k.pool_id = p.id AND k.issued_at IS NOT NULL) AS issued,
              (SELECT count(*)::int FROM drop_claims c WHERE c.drop_id = $2 AND c.coupon_code IS NOT NULL) AS claims
         FROM coupon_pools p WHERE p.id = $1`,
      [poolId, dropId],
    );
    expect(counts).toEqual({ issued: 200, claims: 200 });
    const viaDrop = await t.gql(DROP_POOL, { id: dropId }, w.brand.accessToken);
    expect(viaDrop.data.drop.couponPool).toEqual({
      id: poolId,
      issuedCount: 200,
      campaign: { id: w.campaignId },
    });
  });

  it('attributes a redemption of a code handed out in a drop to its campaign, creator, stream and drop', async () => {
    const w = await dropWorld(t);
    const { id: poolId } = await createPool(t, w.brand, w.campaignId, { size: 5 });
    // The pool is bound to no creator: the code is attributed to the creator whose stream handed it out.
    const dropId = (await scheduleDrop(t, w, { roseCount: 10, couponPoolId: poolId })).data.scheduleDrop.id;
    await openDrop(t, w, dropId);
    const { couponCode } = (await (await claim(t, w.claimKey, dropId, 'viewer-1')).json()) as {
      couponCode: string;
    };

    const res = await t.gql(
      REDEEM,
      {
        input: {
          code: couponCode,
          customerId: 'cust-7',
          orderId: unique('order-'),
          orderAmount: { amount: '40.00', currency: 'USD' },
          idempotencyKey: unique('k'),
        },
      },
      w.brand.accessToken,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.redeemCoupon).toEqual({
      code: couponCode,
      campaign: { id: w.campaignId },
      creator: { id: w.creatorId },
      stream: { id: w.streamId, title: 'Friday night live' },
      drop: { id: dropId, couponPool: { id: poolId } },
    });
    const [row] = await t.dataSource.query(
      `SELECT campaign_id, creator_id, stream_id, drop_id FROM redemptions WHERE customer_id = 'cust-7' AND drop_id = $1`,
      [dropId],
    );
    expect(row).toEqual({
      campaign_id: w.campaignId,
      creator_id: w.creatorId,
      stream_id: w.streamId,
      drop_id: dropId,
    });

    // The stream's creator sees the drop, but the brand's pool stays the brand's.
    const asCreator = await t.gql(DROP_POOL, { id: dropId }, w.creator.accessToken);
    expect(asCreator.data.drop).toEqual({ id: dropId, couponPool: null });
  });
});
