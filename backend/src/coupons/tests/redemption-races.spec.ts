import { eventually } from '@bouquet/testing';
import { createApiKey, signUp, SignedUp, unique } from '../../testing/factories';
import { recordStatements } from '../../testing/statement-recorder';
import { startTestApp, TestApp } from '../../testing/test-app';
import { CouponIssuer } from '../pools/coupon-issuer.service';
import { createCampaign, createPool, expectCountersMatchRows, redeem, redeemBody } from './coupon-factories';

/** Invariant 3 under concurrency, through the real REST path, Postgres and Redis. */
describe('coupon redemption races', () => {
  let t: TestApp;
  let brand: SignedUp;
  let key: string;
  let campaignId: string;

  beforeAll(async () => {
    t = await startTestApp();
    brand = await signUp(t, 'BRAND');
    key = (await createApiKey(t, brand, ['REDEMPTIONS_WRITE'])).secret;
    campaignId = await createCampaign(t, brand);
  });
  afterAll(() => t.close());

  async function burst(n: number, body: (i: number) => unknown, idem: (i: number) => string) {
    const responses = await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const res = await redeem(t, key, idem(i), body(i));
        return { status: res.status, body: (await res.json()) as { id?: string; error?: { code: string } } };
      }),
    );
    const byStatus = new Map<number, number>();
    for (const r of responses) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    return { responses, byStatus };
  }

  /** The answers with none of `statuses`, status and body, so a failure shows what they said. */
  const otherThan = (responses: Array<{ status: number; body: unknown }>, ...statuses: number[]) =>
    responses.filter((r) => !statuses.includes(r.status)).slice(0, 5);

  it.each([1, 2])(
    '1,000 concurrent redemptions of a limit-1 code: exactly one succeeds (round %i)',
    async () => {
      const { id, codes } = await createPool(t, brand, campaignId, { size: 1, usageLimitPerCode: 1 });
      const { responses, byStatus } = await burst(
        1000,
        (i) => redeemBody(codes[0], { customerId: `c${i}` }),
        () => unique('k'),
      );
      expect(otherThan(responses, 201, 422)).toEqual([]);
      expect(Object.fromEntries(byStatus)).toEqual({ 201: 1, 422: 999 });
      for (const r of responses.filter((r) => r.status === 422))
        expect(r.body.error?.code).toBe('USAGE_LIMIT_REACHED');
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM redemptions WHERE pool_id = $1`,
        [id],
      );
      expect(row.n).toBe(1);
      await expectCountersMatchRows(t, id, brand.accessToken);
    },
  );

  it.each([1, 2])(
    '1,000 concurrent redemptions of a limit-7 code: exactly 7 succeed (round %i)',
    async () => {
      const { id, codes } = await createPool(t, brand, campaignId, { size: 1, usageLimitPerCode: 7 });
      const { responses, byStatus } = await burst(
        1000,
        (i) => redeemBody(codes[0], { customerId: `c${i}` }),
        () => unique('k'),
      );
      expect(otherThan(responses, 201, 422)).toEqual([]);
      expect(Object.fromEntries(byStatus)).toEqual({ 201: 7, 422: 993 });
      await expectCountersMatchRows(t, id, brand.accessToken);
      const [code] = await t.dataSource.query(`SELECT status FROM coupon_codes WHERE pool_id = $1`, [id]);
      expect(code.status).toBe('EXHAUSTED');
    },
  );

  it.each([1, 2])(
    'one customer with perCustomerLimit 1 over many codes: exactly one succeeds (round %i)',
    async () => {
      const { id, codes } = await createPool(t, brand, campaignId, {
        size: 200,
        usageLimitPerCode: 5,
        perCustomerLimit: 1,
      });
      const { responses, byStatus } = await burst(
        1000,
        (i) => redeemBody(codes[i % codes.length], { customerId: 'same-customer' }),
        () => unique('k'),
      );
      expect(otherThan(responses, 201, 422)).toEqual([]);
      expect(Object.fromEntries(byStatus)).toEqual({ 201: 1, 422: 999 });
      for (const r of responses.filter((r) => r.status === 422))
        expect(r.body.error?.code).toBe('CUSTOMER_LIMIT_REACHED');
      await expectCountersMatchRows(t, id, brand.accessToken);
      const [u] = await t.dataSource.query(`SELECT uses FROM customer_usages WHERE pool_id = $1`, [id]);
      expect(u.uses).toBe(1);
    },
  );

  /** A pool (one use per code) whose code `used` was redeemed once by `customerId`. */
  async function poolUsedOnce(size: number, perCustomerLimit: number, used: number, customerId: string) {
    const pool = await createPool(t, brand, campaignId, { size, usageLimitPerCode: 1, perCustomerLimit });
    const first = await redeem(t, key, unique('k'), redeemBody(pool.codes[used], { customerId }));
    expect(first.status).toBe(201);
    return pool;
  }

  /** Another session, in a transaction that holds the customer rows of the pool (and `code`'s row). */
  async function holdRows(poolId: string, code?: string) {
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    if (code) await holder.query(`SELECT 1 FROM coupon_codes WHERE code = $1 FOR UPDATE`, [code]);
    await holder.query(`SELECT 1 FROM customer_usages WHERE pool_id = $1 FOR UPDATE`, [poolId]);
    return holder;
  }

  it('a used-up code and a customer at the limit are refused at once, without queuing on their locked rows', async () => {
    const { id, codes } = await poolUsedOnce(2, 1, 0, 'buyer');
    // Another session holds both rows (as a long redemption or rollback would): a refusal must not wait for it.
    const holder = await holdRows(id, codes[0]);
    try {
      // Were they to wait, the holder would never let go: the statement timeout would answer 503.
      const usedUp = await redeem(t, key, unique('k'), redeemBody(codes[0], { customerId: 'other' }));
      const atLimit = await redeem(t, key, unique('k'), redeemBody(codes[1], { customerId: 'buyer' }));
      expect((await usedUp.json()).error.code).toBe('USAGE_LIMIT_REACHED');
      expect((await atLimit.json()).error.code).toBe('CUSTOMER_LIMIT_REACHED');
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    await expectCountersMatchRows(t, id, brand.accessToken);
  });

  it('a burst for one customer already past its reads takes turns: one refused write answers the rest', async () => {
    const { id, codes } = await poolUsedOnce(31, 2, 30, 'loyal');
    // Another session holds the customer's row while the burst reads (uses 1 of 2: every request
    // goes on to write), then lets go: 30 writes of one customer, of which one can succeed.
    const holder = await holdRows(id);
    const recorder = recordStatements(t.dataSource);
    try {
      const statements = await recorder.during(async () => {
        const burst = Promise.all(
          codes
            .slice(0, 30)
            .map((code) => redeem(t, key, unique('k'), redeemBody(code, { customerId: 'loyal' }))),
        );
        await eventually(
          'a statement waiting for the held row',
          async () => {
            const [{ waiting }] = await t.dataSource.query(
              `SELECT count(*)::int AS waiting FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            );
            return waiting > 0;
          },
          30_000,
          20,
        );
        await new Promise((r) => setTimeout(r, 500));
        await holder.rollbackTransaction();
        const statuses = (await burst).map((r) => r.status).sort();
        expect(statuses).toEqual([201, ...Array(29).fill(422)]);
      });
      // Each write that runs would take the row lock only to be refused (30 of them without the
      // turns); in turn, the first refusal answers the writes waiting behind it.
      const writes = statements.filter((sql) => sql.includes('INSERT INTO customer_usages'));
      expect(writes.length).toBeLessThanOrEqual(6);
    } finally {
      recorder.restore();
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
    }
    await expectCountersMatchRows(t, id, brand.accessToken);
  });

  it('50 concurrent requests with one key: one redemption, identical bodies; another body answers 409', async () => {
    const { id, codes } = await createPool(t, brand, campaignId, { size: 1, usageLimitPerCode: 100 });
    const body = redeemBody(codes[0]);
    const idem = unique('same-key-');
    const { responses, byStatus } = await burst(
      50,
      () => body,
      () => idem,
    );
    expect(otherThan(responses, 200, 201)).toEqual([]);
    expect(Object.fromEntries(byStatus)).toEqual({ 200: 49, 201: 1 });
    const first = JSON.stringify(responses[0].body);
    for (const r of responses) expect(JSON.stringify(r.body)).toBe(first);
    expect(responses[0].body).toMatchObject({ code: codes[0], status: 'SUCCEEDED', campaignId });
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM redemptions WHERE pool_id = $1`, [
      id,
    ]);
    expect(row.n).toBe(1);

    const other = await redeem(t, key, idem, { ...body, orderId: 'another-order' });
    expect(other.status).toBe(409);
    expect((await other.json()).error.code).toBe('CONFLICT');
    // A replay long after still answers the first result.
    const again = await redeem(t, key, idem, body);
    expect(again.status).toBe(200);
    expect(JSON.stringify(await again.json())).toBe(first);
    await expectCountersMatchRows(t, id, brand.accessToken);
  });

  it('replays a rejection for the same key instead of redeeming later', async () => {
    const { codes } = await createPool(t, brand, campaignId, { size: 1, usageLimitPerCode: 1 });
    expect((await redeem(t, key, unique('k'), redeemBody(codes[0]))).status).toBe(201);
    const k = unique('k');
    const body = redeemBody(codes[0], { customerId: 'late' });
    const first = await redeem(t, key, k, body);
    expect(first.status).toBe(422);
    const firstBody = await first.json();
    expect(firstBody.error.code).toBe('USAGE_LIMIT_REACHED');
    const again = await redeem(t, key, k, body);
    expect(again.status).toBe(422);
    expect(await again.json()).toEqual(firstBody);
  });

  it.each([1, 2])(
    'concurrent rollbacks and redemptions of one code keep the counters exact (round %i)',
    async () => {
      const limit = 5;
      const { id, codes } = await createPool(t, brand, campaignId, {
        size: 1,
        usageLimitPerCode: limit,
        perCustomerLimit: 3,
      });
      // Fill the code up to its limit.
      const initial = [];
      for (let i = 0; i < limit; i++) {
        const res = await redeem(t, key, unique('k'), redeemBody(codes[0], { customerId: `c${i % 2}` }));
        expect(res.status).toBe(201);
        initial.push(((await res.json()) as { id: string }).id);
      }
      // Each redemption rolled back 10 times at once, while 300 new redemptions race for the uses.
      const rollbacks = initial.flatMap((rid) =>
        Array.from({ length: 10 }, () =>
          t.http(`/v1/redemptions/${rid}/rollback`, {
            method: 'POST',
            token: key,
            json: { reason: 'refund' },
          }),
        ),
      );
      const redemptions = Array.from({ length: 300 }, (_, i) =>
        redeem(t, key, unique('k'), redeemBody(codes[0], { customerId: `r${i % 4}` })),
      );
      const [rb, rd] = await Promise.all([Promise.all(rollbacks), Promise.all(redemptions)]);
      expect(rb.every((r) => r.status === 200)).toBe(true);
      const bodies = await Promise.all(rb.map((r) => r.json()));
      expect(bodies.every((b) => b.status === 'ROLLED_BACK')).toBe(true);
      const succeeded = rd.filter((r) => r.status === 201).length;
      expect(rd.every((r) => r.status === 201 || r.status === 422)).toBe(true);
      // The uses given back (exactly 5) are taken again at most once each.
      expect(succeeded).toBeLessThanOrEqual(limit);
      await expectCountersMatchRows(t, id, brand.accessToken);
      // Whatever the interleaving, each use was given back exactly once: topping the code up
      // afterwards takes exactly the uses the racing redemptions left.
      let topUps = 0;
      for (;;) {
        const res = await redeem(t, key, unique('k'), redeemBody(codes[0], { customerId: `t${topUps % 3}` }));
        if (res.status !== 201) break;
        topUps += 1;
      }
      expect(succeeded + topUps).toBe(limit);
      await expectCountersMatchRows(t, id, brand.accessToken);
      const [rolled] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM redemptions WHERE pool_id = $1 AND status = 'ROLLED_BACK'`,
        [id],
      );
      expect(rolled.n).toBe(limit);
    },
  );

  it('a second rollback is a no-op that answers the same result', async () => {
    const { id, codes } = await createPool(t, brand, campaignId, { size: 1, usageLimitPerCode: 1 });
    const created = await (await redeem(t, key, unique('k'), redeemBody(codes[0]))).json();
    const first = await t.http(`/v1/redemptions/${created.id}/rollback`, {
      method: 'POST',
      token: key,
      json: {},
    });
    expect(first.status).toBe(200);
    const firstBody = await first.json();
    expect(firstBody).toMatchObject({
      id: created.id,
      status: 'ROLLED_BACK',
      rolledBackAt: expect.any(String),
    });
    const second = await t.http(`/v1/redemptions/${created.id}/rollback`, {
      method: 'POST',
      token: key,
      json: {},
    });
    expect(await second.json()).toEqual(firstBody);
    const [code] = await t.dataSource.query(
      `SELECT redemption_count, status FROM coupon_codes WHERE pool_id = $1`,
      [id],
    );
    expect(code).toEqual({ redemption_count: 0, status: 'AVAILABLE' });
    // The use is back: the code redeems again.
    expect((await redeem(t, key, unique('k'), redeemBody(codes[0]))).status).toBe(201);
    await expectCountersMatchRows(t, id, brand.accessToken);
  });

  it('pool counters are counted from rows, per pool in one request; no pool row lock on the way', async () => {
    const ownCampaign = await createCampaign(t, brand);
    const a = await createPool(t, brand, ownCampaign, { size: 3 });
    const b = await createPool(t, brand, ownCampaign, { size: 3 });
    const issued = await t.app.get(CouponIssuer).issueOne(b.id);
    expect(issued).not.toBeNull();
    // A transaction holds the pool rows as an UPDATE of their counters would: redemptions and
    // rollbacks still go through, as they never write the pool row.
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    try {
      await runner.query(`SELECT id FROM coupon_pools WHERE id = ANY($1) FOR NO KEY UPDATE`, [[a.id, b.id]]);
      const ids: string[] = [];
      for (const code of [a.codes[0], a.codes[1], b.codes[2]]) {
        const res = await redeem(t, key, unique('k'), redeemBody(code));
        expect(res.status).toBe(201);
        ids.push(((await res.json()) as { id: string }).id);
      }
      for (let i = 0; i < 2; i++) {
        const res = await t.http(`/v1/redemptions/${ids[0]}/rollback`, {
          method: 'POST',
          token: key,
          json: {},
        });
        expect(res.status).toBe(200);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    const res = await t.gql(
      `query($id: ID!) { campaign(id: $id) { couponPools { id issuedCount redemptionCount } } }`,
      { id: ownCampaign },
      brand.accessToken,
    );
    expect(res.data.campaign.couponPools).toEqual([
      { id: a.id, issuedCount: 0, redemptionCount: 1 },
      { id: b.id, issuedCount: 1, redemptionCount: 1 },
    ]);
    await expectCountersMatchRows(t, a.id, brand.accessToken);
    await expectCountersMatchRows(t, b.id, brand.accessToken);
  });
});
