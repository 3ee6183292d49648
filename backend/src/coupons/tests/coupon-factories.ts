import type { SignedUp } from '../../testing/factories';
import { unique } from '../../testing/factories';
import type { TestApp } from '../../testing/test-app';

const CREATE_CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`;

/**
 * An ACTIVE campaign of the brand: through the campaigns API when it answers, else (while that
 * domain is being built) a row inserted directly. Launch rules belong to campaigns, so the status
 * is set with SQL.
 */
export async function createCampaign(
  t: TestApp,
  brand: SignedUp,
  opts: { currency?: string; status?: string } = {},
): Promise<string> {
  const currency = opts.currency ?? 'USD';
  const res = await t.gql(
    CREATE_CAMPAIGN,
    {
      input: {
        brandId: brand.organizationId,
        name: unique('Campaign '),
        brief: 'Coupons test',
        objective: 'SALES',
        budget: { amount: '10000', currency },
        roseUnitPrice: { amount: currency === 'JPY' ? '1' : '0.01', currency },
      },
    },
    brand.accessToken,
  );
  let id: string | undefined = res.data?.createCampaign?.id;
  if (!id) {
    const [row] = await t.dataSource.query(
      `INSERT INTO campaigns (brand_id, name, brief, objective, currency, budget, rose_unit_price)
       VALUES ($1, $2, 'Coupons test', 'SALES', $3, 10000, 0.01) RETURNING id`,
      [brand.organizationId, unique('Campaign '), currency],
    );
    id = row.id as string;
  }
  await t.dataSource.query(`UPDATE campaigns SET status = $2 WHERE id = $1`, [id, opts.status ?? 'ACTIVE']);
  return id;
}

export const CREATE_POOL = `mutation($input: CreateCouponPoolInput!) {
  createCouponPool(input: $input) {
    id name discountType discountValue codePrefix codeLength size generatedCount generationStatus
    usageLimitPerCode perCustomerLimit startsAt expiresAt issuedCount redemptionCount createdAt
  }
}`;

export const POOL = `query($id: ID!) {
  couponPool(id: $id) { id size generatedCount generationStatus issuedCount redemptionCount }
}`;

export interface PoolOptions {
  size?: number;
  discountType?: 'PERCENT' | 'FIXED_AMOUNT';
  discountValue?: string;
  codePrefix?: string;
  codeLength?: number;
  usageLimitPerCode?: number;
  perCustomerLimit?: number | null;
  startsAt?: string | null;
  expiresAt?: string | null;
  creatorId?: string | null;
}

/** Creates a pool through the API and waits for its codes (the test app runs the worker role too). */
export async function createPool(
  t: TestApp,
  brand: SignedUp,
  campaignId: string,
  opts: PoolOptions = {},
): Promise<{ id: string; codes: string[] }> {
  const res = await t.gql(
    CREATE_POOL,
    {
      input: {
        campaignId,
        name: unique('Pool '),
        discountType: opts.discountType ?? 'PERCENT',
        discountValue: opts.discountValue ?? '10',
        size: opts.size ?? 5,
        ...opts,
      },
    },
    brand.accessToken,
  );
  if (res.errors) throw new Error(`createCouponPool failed: ${JSON.stringify(res.errors)}`);
  const id = res.data.createCouponPool.id as string;
  await waitForGeneration(t, id);
  const rows = await t.dataSource.query(`SELECT code FROM coupon_codes WHERE pool_id = $1 ORDER BY id`, [id]);
  return { id, codes: rows.map((r: { code: string }) => r.code) };
}

export async function waitForGeneration(t: TestApp, poolId: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await t.dataSource.query(
      `SELECT generation_status, failure_reason FROM coupon_pools WHERE id = $1`,
      [poolId],
    );
    if (row.generation_status === 'DONE') return;
    if (row.generation_status === 'FAILED') throw new Error(`generation failed: ${row.failure_reason}`);
    if (Date.now() > deadline) throw new Error(`generation of ${poolId} still ${row.generation_status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function redeemBody(code: string, extra: Record<string, unknown> = {}) {
  return {
    code,
    customerId: 'cust-1',
    orderId: unique('order-'),
    orderAmount: { amount: '100.00', currency: 'USD' },
    ...extra,
  };
}

/** POST /v1/redemptions with an Idempotency-Key. */
export function redeem(t: TestApp, token: string, key: string | undefined, body: unknown) {
  return t.http('/v1/redemptions', {
    method: 'POST',
    token,
    json: body,
    headers: key === undefined ? {} : { 'Idempotency-Key': key },
  });
}

/**
 * Counters of a pool against its redemption rows: they must always agree. The pool's own counters
 * are read as clients read them (GraphQL, with `token` of a reader of the pool).
 */
export async function expectCountersMatchRows(t: TestApp, poolId: string, token: string): Promise<void> {
  const codes = await t.dataSource.query(
    `SELECT k.id, k.redemption_count, k.status, p.usage_limit_per_code,
            (SELECT count(*)::int FROM redemptions r WHERE r.code_id = k.id AND r.status = 'SUCCEEDED') AS live
       FROM coupon_codes k JOIN coupon_pools p ON p.id = k.pool_id WHERE k.pool_id = $1`,
    [poolId],
  );
  for (const c of codes) {
    expect(c.redemption_count).toBe(c.live);
    expect(c.redemption_count).toBeLessThanOrEqual(c.usage_limit_per_code);
    expect(c.status === 'EXHAUSTED').toBe(c.redemption_count >= c.usage_limit_per_code);
  }
  const [rows] = await t.dataSource.query(
    `SELECT (SELECT count(*)::int FROM redemptions WHERE pool_id = $1 AND status = 'SUCCEEDED') AS live,
            (SELECT count(*)::int FROM coupon_codes WHERE pool_id = $1 AND issued_at IS NOT NULL) AS issued`,
    [poolId],
  );
  const pool = await t.gql(POOL, { id: poolId }, token);
  expect(pool.errors).toBeUndefined();
  expect(pool.data.couponPool).toMatchObject({ redemptionCount: rows.live, issuedCount: rows.issued });
  const usages = await t.dataSource.query(
    `SELECT u.customer_id, u.uses,
            (SELECT count(*)::int FROM redemptions r
              WHERE r.pool_id = u.pool_id AND r.customer_id = u.customer_id AND r.status = 'SUCCEEDED') AS live
       FROM customer_usages u WHERE u.pool_id = $1`,
    [poolId],
  );
  for (const u of usages) expect(u.uses).toBe(u.live);
}
