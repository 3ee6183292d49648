import { buildWorld, MatrixRow, runMatrix, World } from '../../testing/authz-matrix';
import { createApiKey, errorCode, signUp, unique } from '../../testing/factories';
import { GqlResult, startTestApp, TestApp } from '../../testing/test-app';
import { CREATE_POOL, createCampaign, createPool, POOL, redeem, redeemBody } from './coupon-factories';

const VALIDATE = `mutation($input: ValidateCouponInput!) { validateCoupon(input: $input) { valid rejection discount { amount currency } } }`;
const REDEEM = `mutation($input: RedeemCouponInput!) {
  redeemCoupon(input: $input) { id code customerId orderId orderAmount { amount currency } discount { amount currency } status redeemedAt rolledBackAt }
}`;
const ROLLBACK = `mutation($id: ID!) { rollbackRedemption(redemptionId: $id, reason: "refund") { id status rolledBackAt } }`;
const CODES = `query($poolId: ID!, $status: CouponCodeStatus, $first: Int, $after: String) {
  couponCodes(poolId: $poolId, status: $status, first: $first, after: $after) {
    nodes { code status redemptionCount issuedAt } pageInfo { endCursor hasNextPage } totalCount
  }
}`;

function order(code: string, amount = '80.00', currency = 'USD') {
  return { code, customerId: 'cust-9', orderAmount: { amount, currency } };
}

describe('coupons API', () => {
  let t: TestApp;
  let world: World;
  let campaignId: string;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
    campaignId = await createCampaign(t, world.brand);
    key = world.tokens.keyWithScope as string;
  });
  afterAll(() => t.close());

  describe('createCouponPool input', () => {
    const base = () => ({
      campaignId,
      name: 'Spring',
      discountType: 'PERCENT',
      discountValue: '10',
      size: 10,
    });
    async function fields(input: Record<string, unknown>) {
      const res = await t.gql(CREATE_POOL, { input: { ...base(), ...input } }, world.brand.accessToken);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      return (res.errors?.[0].extensions?.fields ?? []).map((f) => f.field);
    }

    it('applies the contract defaults and starts PENDING or further', async () => {
      const res = await t.gql(CREATE_POOL, { input: base() }, world.brand.accessToken);
      expect(res.errors).toBeUndefined();
      expect(res.data.createCouponPool).toMatchObject({
        codePrefix: '',
        codeLength: 10,
        usageLimitPerCode: 1,
        perCustomerLimit: null,
        size: 10,
        discountValue: '10',
        generationStatus: expect.stringMatching(/PENDING|RUNNING|DONE/),
      });
    });

    it.each([
      ['size 0', { size: 0 }, 'input.size'],
      ['size over 5,000,000', { size: 5_000_001 }, 'input.size'],
      ['prefix with bad characters', { codePrefix: 'AB-1' }, 'input.codePrefix'],
      ['lower-case prefix', { codePrefix: 'spring' }, 'input.codePrefix'],
      ['prefix over 12 characters', { codePrefix: 'ABCDEFGHJKMNP' }, 'input.codePrefix'],
      ['codeLength 5', { codeLength: 5 }, 'input.codeLength'],
      ['codeLength 33', { codeLength: 33 }, 'input.codeLength'],
      ['percent 0', { discountValue: '0' }, 'input.discountValue'],
      ['percent over 100', { discountValue: '100.01' }, 'input.discountValue'],
      [
        'fixed amount with more decimals than USD',
        { discountType: 'FIXED_AMOUNT', discountValue: '5.001' },
        'input.discountValue',
      ],
      ['fixed amount 0', { discountType: 'FIXED_AMOUNT', discountValue: '0' }, 'input.discountValue'],
      ['usage limit 0', { usageLimitPerCode: 0 }, 'input.usageLimitPerCode'],
      ['per-customer limit 0', { perCustomerLimit: 0 }, 'input.perCustomerLimit'],
      [
        'dates in the wrong order',
        { startsAt: '2027-01-02T00:00:00Z', expiresAt: '2027-01-01T00:00:00Z' },
        'input.expiresAt',
      ],
      ['unknown creator', { creatorId: '00000000-0000-4000-8000-000000000000' }, 'input.creatorId'],
      ['empty name', { name: ' ' }, 'input.name'],
    ])('refuses %s', async (_label, input, field) => {
      expect(await fields(input)).toContain(field);
    });

    it('refuses a fixed amount in a currency with fewer minor units (JPY campaign)', async () => {
      const jpy = await createCampaign(t, world.brand, { currency: 'JPY' });
      const res = await t.gql(
        CREATE_POOL,
        { input: { ...base(), campaignId: jpy, discountType: 'FIXED_AMOUNT', discountValue: '5.50' } },
        world.brand.accessToken,
      );
      expect(res.errors?.[0].extensions?.fields?.[0].field).toBe('input.discountValue');
      const ok = await t.gql(
        CREATE_POOL,
        { input: { ...base(), campaignId: jpy, discountType: 'FIXED_AMOUNT', discountValue: '500' } },
        world.brand.accessToken,
      );
      expect(ok.errors).toBeUndefined();
    });

    it('answers NOT_FOUND for an unknown or foreign campaign', async () => {
      const unknown = await t.gql(
        CREATE_POOL,
        { input: { ...base(), campaignId: '00000000-0000-4000-8000-000000000000' } },
        world.brand.accessToken,
      );
      expect(errorCode(unknown)).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(CREATE_POOL, { input: base() }, world.otherBrand.accessToken))).toBe(
        'NOT_FOUND',
      );
    });
  });

  describe('validateCoupon', () => {
    it('answers the discount: percent of the amount, fixed capped at the amount, rounded to minor units', async () => {
      const pct = await createPool(t, world.brand, campaignId, { discountValue: '12.5', size: 1 });
      const v1 = await t.http('/v1/coupons/validate', {
        method: 'POST',
        token: key,
        json: order(pct.codes[0], '19.99'),
      });
      expect(v1.status).toBe(200);
      expect(await v1.json()).toEqual({
        valid: true,
        rejection: null,
        discount: { amount: '2.50', currency: 'USD' },
      });
      const fixed = await createPool(t, world.brand, campaignId, {
        discountType: 'FIXED_AMOUNT',
        discountValue: '25',
        size: 1,
      });
      const capped = await t.gql(VALIDATE, { input: order(fixed.codes[0].toLowerCase(), '19.99') }, key);
      expect(capped.data.validateCoupon).toEqual({
        valid: true,
        rejection: null,
        discount: { amount: '19.99', currency: 'USD' },
      });
      // Validation has no side effect.
      const [row] = await t.dataSource.query(`SELECT redemption_count FROM coupon_codes WHERE code = $1`, [
        fixed.codes[0],
      ]);
      expect(row.redemption_count).toBe(0);
    });

    it('answers each rejection of the contract', async () => {
      const expect422 = async (code: string, rejection: string, amount = order(code)) => {
        const v = await t.http('/v1/coupons/validate', { method: 'POST', token: key, json: amount });
        expect(await v.json()).toEqual({ valid: false, rejection, discount: null });
        const r = await redeem(t, key, unique('k'), { ...amount, orderId: unique('o') });
        expect(r.status).toBe(422);
        expect((await r.json()).error.code).toBe(rejection);
      };
      await expect422('NOPE2345NOPE', 'NOT_FOUND');
      const future = await createPool(t, world.brand, campaignId, {
        startsAt: '2099-01-01T00:00:00Z',
        size: 1,
      });
      await expect422(future.codes[0], 'NOT_STARTED');
      const past = await createPool(t, world.brand, campaignId, {
        expiresAt: '2020-01-01T00:00:00Z',
        size: 1,
      });
      await expect422(past.codes[0], 'EXPIRED');
      const used = await createPool(t, world.brand, campaignId, { size: 1 });
      expect((await redeem(t, key, unique('k'), redeemBody(used.codes[0]))).status).toBe(201);
      await expect422(used.codes[0], 'USAGE_LIMIT_REACHED');
      const perCustomer = await createPool(t, world.brand, campaignId, { size: 2, perCustomerLimit: 1 });
      expect(
        (await redeem(t, key, unique('k'), redeemBody(perCustomer.codes[0], { customerId: 'cust-9' })))
          .status,
      ).toBe(201);
      await expect422(perCustomer.codes[1], 'CUSTOMER_LIMIT_REACHED');
      const ok = await createPool(t, world.brand, campaignId, { size: 1 });
      await expect422(ok.codes[0], 'CURRENCY_MISMATCH', order(ok.codes[0], '10.00', 'EUR'));
      const paused = await createCampaign(t, world.brand, { status: 'PAUSED' });
      const inactive = await createPool(t, world.brand, paused, { size: 1 });
      await expect422(inactive.codes[0], 'CAMPAIGN_INACTIVE');
      // Another brand's code answers exactly like an unknown one.
      const foreignCampaign = await createCampaign(t, world.otherBrand);
      const foreign = await createPool(t, world.otherBrand, foreignCampaign, { size: 1 });
      await expect422(foreign.codes[0], 'NOT_FOUND');
    });

    it('refuses oversized and malformed input with field errors', async () => {
      const long = 'A'.repeat(45);
      const v = await t.http('/v1/coupons/validate', { method: 'POST', token: key, json: order(long) });
      expect(v.status).toBe(400);
      expect((await v.json()).error.fields).toEqual([
        { field: 'code', message: 'code must be 1 to 44 characters' },
      ]);
      const r = await redeem(t, key, unique('k'), { ...order(long), orderId: 'o' });
      expect(r.status).toBe(400);
      const g = await t.gql(VALIDATE, { input: order(long) }, key);
      expect(g.errors?.[0].extensions?.fields?.[0].field).toBe('input.code');
      const amount = await t.http('/v1/coupons/validate', {
        method: 'POST',
        token: key,
        json: order('ABCDEFGH', '1.001'),
      });
      expect(amount.status).toBe(400);
      expect((await amount.json()).error.fields[0].field).toBe('orderAmount.amount');
    });

    it('is rate limited per API key', async () => {
      const brand = await signUp(t, 'BRAND');
      const k = (await createApiKey(t, brand, ['REDEMPTIONS_WRITE'])).secret;
      const statuses = await Promise.all(
        Array.from({ length: 620 }, () =>
          t
            .http('/v1/coupons/validate', { method: 'POST', token: k, json: order('ABCDEFGH') })
            .then((r) => r.status),
        ),
      );
      expect(statuses.filter((s) => s === 200)).toHaveLength(600);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    });
  });

  describe('redemption', () => {
    it('needs an Idempotency-Key of at most 255 characters', async () => {
      const { codes } = await createPool(t, world.brand, campaignId, { size: 1 });
      const missing = await redeem(t, key, undefined, redeemBody(codes[0]));
      expect(missing.status).toBe(400);
      expect((await missing.json()).error.fields).toEqual([
        { field: 'Idempotency-Key', message: 'the Idempotency-Key header is required' },
      ]);
      const long = await redeem(t, key, 'k'.repeat(256), redeemBody(codes[0]));
      expect(long.status).toBe(400);
      expect((await long.json()).error.fields[0].field).toBe('Idempotency-Key');
      expect((await redeem(t, key, 'k'.repeat(255), redeemBody(codes[0]))).status).toBe(201);
    });

    it('records campaign, creator, stream and drop; GraphQL rejections carry CONFLICT and the reason', async () => {
      const [creator] = await t.dataSource.query(`SELECT id FROM creators WHERE organization_id = $1`, [
        world.creator.organizationId,
      ]);
      expect(creator).toBeDefined();
      const { id: poolId, codes } = await createPool(t, world.brand, campaignId, {
        size: 3,
        creatorId: creator?.id ?? null,
      });
      const dropId = '00000000-0000-4000-8000-00000000000d';
      const streamId = '00000000-0000-4000-8000-00000000000e';
      await t.dataSource.query(
        `UPDATE coupon_codes SET status = 'ISSUED', issued_at = now(), issued_drop_id = $2, issued_stream_id = $3 WHERE code = $1`,
        [codes[0], dropId, streamId],
      );
      const res = await redeem(t, key, unique('k'), redeemBody(codes[0]));
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body).toEqual({
        id: expect.any(String),
        code: codes[0],
        customerId: 'cust-1',
        orderId: expect.any(String),
        orderAmount: { amount: '100.00', currency: 'USD' },
        discount: { amount: '10.00', currency: 'USD' },
        status: 'SUCCEEDED',
        campaignId,
        creatorId: creator?.id ?? null,
        streamId,
        dropId,
        redeemedAt: expect.any(String),
        rolledBackAt: null,
      });

      const input = { ...order(codes[1]), orderId: 'gql-1', idempotencyKey: unique('g') };
      const first = await t.gql(REDEEM, { input }, world.brand.accessToken);
      expect(first.data.redeemCoupon).toMatchObject({
        code: codes[1],
        status: 'SUCCEEDED',
        orderId: 'gql-1',
      });
      const replay = await t.gql(REDEEM, { input }, world.brand.accessToken);
      expect(replay.data.redeemCoupon).toEqual(first.data.redeemCoupon);
      const other = await t.gql(REDEEM, { input: { ...input, orderId: 'gql-2' } }, world.brand.accessToken);
      expect(errorCode(other)).toBe('CONFLICT');
      const used = await t.gql(
        REDEEM,
        { input: { ...input, idempotencyKey: unique('g') } },
        world.brand.accessToken,
      );
      expect(used.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'USAGE_LIMIT_REACHED' });
      expect(used.data).toBeNull();

      const rolled = await t.gql(ROLLBACK, { id: first.data.redeemCoupon.id }, world.brand.accessToken);
      expect(rolled.data.rollbackRedemption).toMatchObject({
        status: 'ROLLED_BACK',
        rolledBackAt: expect.any(String),
      });
      const pool = await t.gql(POOL, { id: poolId }, world.brand.accessToken);
      expect(pool.data.couponPool).toMatchObject({ size: 3, generatedCount: 3, redemptionCount: 1 });
      const withCreator = await t.gql(
        `query($id: ID!) { couponPool(id: $id) { creator { id } } }`,
        { id: poolId },
        world.brand.accessToken,
      );
      expect(withCreator.data.couponPool.creator).toEqual(creator ? { id: creator.id } : null);
    });

    it('rollback of an unknown or foreign redemption answers 404', async () => {
      const none = await t.http(`/v1/redemptions/00000000-0000-4000-8000-000000000000/rollback`, {
        method: 'POST',
        token: key,
        json: {},
      });
      expect(none.status).toBe(404);
      const other = await createApiKey(t, world.otherBrand, ['REDEMPTIONS_WRITE']);
      const { codes } = await createPool(t, world.brand, campaignId, { size: 1 });
      const created = await (await redeem(t, key, unique('k'), redeemBody(codes[0]))).json();
      const foreign = await t.http(`/v1/redemptions/${created.id}/rollback`, {
        method: 'POST',
        token: other.secret,
        json: {},
      });
      expect(foreign.status).toBe(404);
    });
  });

  it('lists codes with keyset pagination and a status filter', async () => {
    const { id, codes } = await createPool(t, world.brand, campaignId, { size: 25 });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GqlResult = await t.gql(CODES, { poolId: id, first: 10, after }, world.brand.accessToken);
      expect(res.data.couponCodes.totalCount).toBe(25);
      seen.push(...res.data.couponCodes.nodes.map((n: { code: string }) => n.code));
      if (!res.data.couponCodes.pageInfo.hasNextPage) break;
      after = res.data.couponCodes.pageInfo.endCursor;
    }
    expect(seen).toEqual(codes);
    await redeem(t, key, unique('k'), redeemBody(codes[3]));
    const exhausted = await t.gql(CODES, { poolId: id, status: 'EXHAUSTED' }, world.brand.accessToken);
    expect(exhausted.data.couponCodes).toMatchObject({
      totalCount: 1,
      nodes: [{ code: codes[3], status: 'EXHAUSTED', redemptionCount: 1 }],
    });
    const bad = await t.gql(CODES, { poolId: id, after: 'garbage' }, world.brand.accessToken);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
  });

  describe('access', () => {
    let poolId: string;
    let code: string;
    beforeAll(async () => {
      const pool = await createPool(t, world.brand, campaignId, { size: 1, usageLimitPerCode: 1000 });
      poolId = pool.id;
      code = pool.codes[0];
    });

    const everyone = (ok: 'OK', viewer: 'OK' | 'FORBIDDEN', keys: ['OK' | 'FORBIDDEN', 'FORBIDDEN']) => ({
      owner: ok,
      manager: ok,
      viewer,
      otherTenant: 'NOT_FOUND' as const,
      agencyWithGrant: ok,
      agencyWithoutGrant: 'NOT_FOUND' as const,
      creator: 'NOT_FOUND' as const,
      anonymous: 'UNAUTHENTICATED' as const,
      keyWithScope: keys[0],
      keyWithoutScope: keys[1],
    });

    it('answers every actor as the matrix says, with no data on refusal', async () => {
      const rows: MatrixRow[] = [
        {
          operation: 'couponPool',
          call: (t, _w, token) => t.gql(POOL, { id: poolId }, token),
          expect: { ...everyone('OK', 'OK', ['OK', 'FORBIDDEN']), keyWithoutScope: 'OK' },
        },
        {
          operation: 'couponCodes',
          call: (t, _w, token) => t.gql(CODES, { poolId }, token),
          expect: { ...everyone('OK', 'OK', ['OK', 'FORBIDDEN']), keyWithoutScope: 'OK' },
        },
        {
          operation: 'createCouponPool',
          call: (t, _w, token) =>
            t.gql(
              CREATE_POOL,
              { input: { campaignId, name: 'm', discountType: 'PERCENT', discountValue: '5', size: 1 } },
              token,
            ),
          expect: {
            ...everyone('OK', 'FORBIDDEN', ['FORBIDDEN', 'FORBIDDEN']),
          },
        },
        {
          operation: 'redeemCoupon',
          call: (t, _w, token) =>
            t.gql(
              REDEEM,
              { input: { ...order(code), orderId: unique('o'), idempotencyKey: unique('m') } },
              token,
            ),
          // Another tenant's code is the NOT_FOUND rejection (GraphQL: CONFLICT, reason NOT_FOUND).
          expect: {
            ...everyone('OK', 'FORBIDDEN', ['OK', 'FORBIDDEN']),
            otherTenant: 'CONFLICT',
            agencyWithoutGrant: 'CONFLICT',
            creator: 'CONFLICT',
          },
        },
      ];
      expect(await runMatrix(t, world, rows)).toEqual([]);
    });

    it('validateCoupon: other tenants get the NOT_FOUND rejection, keys without the scope FORBIDDEN', async () => {
      const outcome = async (token: string | undefined) => {
        const res = await t.gql(VALIDATE, { input: order(code) }, token);
        return res.errors
          ? errorCode(res)
          : res.data.validateCoupon.valid
            ? 'VALID'
            : res.data.validateCoupon.rejection;
      };
      const got: Record<string, unknown> = {};
      for (const [actor, token] of Object.entries(world.tokens)) got[actor] = await outcome(token);
      expect(got).toEqual({
        owner: 'VALID',
        manager: 'VALID',
        viewer: 'VALID',
        otherTenant: 'NOT_FOUND',
        agencyWithGrant: 'VALID',
        agencyWithoutGrant: 'NOT_FOUND',
        creator: 'NOT_FOUND',
        anonymous: 'UNAUTHENTICATED',
        keyWithScope: 'VALID',
        keyWithoutScope: 'FORBIDDEN',
      });
    });

    it('REST paths: 401 without credentials, 403 for a key without the scope', async () => {
      expect((await t.http('/v1/coupons/validate', { method: 'POST', json: order(code) })).status).toBe(401);
      const res = await redeem(t, world.tokens.keyWithoutScope as string, unique('k'), redeemBody(code));
      expect(res.status).toBe(403);
    });
  });
});
