import { createApiKey, signUp, SignedUp, unique } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { RedemptionBatches } from '../redemption/redemption-batches';
import { createCampaign, createPool, expectCountersMatchRows, redeem, redeemBody } from './coupon-factories';

interface Answer {
  status: number;
  body: { id?: string; code?: string; customerId?: string; error?: { code: string } };
}

/**
 * Group commit of redemptions (RedemptionBatches, ADR 0012): concurrent redemptions share their
 * read and write statements, and what a batch cannot decide together (a code, key or limited
 * customer twice, a customer over the limit, a key answered meanwhile) is still decided exactly.
 */
describe('redemption batches', () => {
  let t: TestApp;
  let brand: SignedUp;
  let key: string;
  let campaignId: string;
  let writes: jest.SpyInstance;

  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_POOL_SIZE: '20' } });
    brand = await signUp(t, 'BRAND');
    key = (await createApiKey(t, brand, ['REDEMPTIONS_WRITE'])).secret;
    campaignId = await createCampaign(t, brand);
  });
  beforeEach(() => {
    const batches = t.app.get(RedemptionBatches);
    writes = jest.spyOn(batches as unknown as { writeTogether: () => unknown }, 'writeTogether');
  });
  afterEach(() => writes.mockRestore());
  afterAll(() => t.close());

  const send = async (idem: string, body: unknown): Promise<Answer> => {
    const res = await redeem(t, key, idem, body);
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  const batchSizes = () => writes.mock.calls.map((c) => (c[0] as unknown[]).length);

  it('shares statements between concurrent redemptions, each answer its own', async () => {
    const { id, codes } = await createPool(t, brand, campaignId, { size: 300 });
    const requests = codes.map((code, i) => ({
      idem: unique('k'),
      body: redeemBody(code, { customerId: `c-${i}` }),
    }));
    const answers = await Promise.all(requests.map((r) => send(r.idem, r.body)));
    answers.forEach((a, i) => {
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({ code: codes[i], customerId: `c-${i}`, status: 'SUCCEEDED' });
    });
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(300);
    // 300 redemptions in far fewer write statements: they were combined.
    expect(batchSizes().length).toBeLessThan(300);
    expect(Math.max(...batchSizes())).toBeGreaterThan(1);
    // Each key's stored answer is its own redemption, replayed as it was given.
    const replays = await Promise.all(requests.slice(0, 50).map((r) => send(r.idem, r.body)));
    replays.forEach((r, i) => expect(r).toEqual({ status: 200, body: answers[i].body }));
    const rows = await t.dataSource.query(
      `SELECT r.id, k.code, r.customer_id FROM redemptions r JOIN coupon_codes k ON k.id = r.code_id
        WHERE r.pool_id = $1`,
      [id],
    );
    expect(new Map(rows.map((r: { id: string; code: string }) => [r.id, r.code]))).toEqual(
      new Map(answers.map((a) => [a.body.id, a.body.code])),
    );
    await expectCountersMatchRows(t, id, brand.accessToken);
  });

  it('keeps one use of a code per batch: a burst on one code never fails a batch', async () => {
    const { id, codes } = await createPool(t, brand, campaignId, { size: 1, usageLimitPerCode: 3 });
    const fallbacks = t.app.get(MetricsService).redemptionBatchFallbacks;
    const before = (await fallbacks.get()).values[0]?.value ?? 0;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send(unique('k'), redeemBody(codes[0], { customerId: `o-${i}` })),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
    expect(answers.filter((a) => a.body.error?.code === 'USAGE_LIMIT_REACHED')).toHaveLength(197);
    expect(Math.max(...batchSizes())).toBeGreaterThan(1);
    // The batches took the code once each and left the other requests to the one-at-a-time path.
    expect((await fallbacks.get()).values[0]?.value ?? 0).toBe(before);
    await expectCountersMatchRows(t, id, brand.accessToken);
  });

  it('decides repeated codes, customer limits, retried keys and reused keys in one burst exactly', async () => {
    const limited = await createPool(t, brand, campaignId, { size: 50, usageLimitPerCode: 2 });
    const perCustomer = await createPool(t, brand, campaignId, { size: 50, perCustomerLimit: 3 });
    const retried = await createPool(t, brand, campaignId, { size: 40 });
    const reused = await createPool(t, brand, campaignId, { size: 20 });

    // 50 codes of limit 2, each redeemed 3 times: 100 succeed, 50 are used up.
    const a = limited.codes.flatMap((code, i) =>
      [0, 1, 2].map((j) => ({ idem: unique('k'), body: redeemBody(code, { customerId: `a-${i}-${j}` }) })),
    );
    // 10 customers, 5 codes each, at most 3 per customer: 30 succeed, 20 over the limit.
    const b = perCustomer.codes.map((code, i) => ({
      idem: unique('k'),
      body: redeemBody(code, { customerId: `b-${i % 10}` }),
    }));
    // 40 keys, each request sent twice: one redemption per key, the same answer twice.
    const c = retried.codes.flatMap((code, i) => {
      const once = { idem: `c-${unique('k')}`, body: redeemBody(code, { customerId: `c-${i}` }) };
      return [once, once];
    });
    // 10 keys, each used for two different codes: one redemption, one 409; the other code stays unused.
    const d = Array.from({ length: 10 }, (_, i) => {
      const idem = `d-${unique('k')}`;
      return [0, 1].map((j) => ({
        idem,
        body: redeemBody(reused.codes[2 * i + j], { customerId: `d-${i}` }),
      }));
    }).flat();

    const all = [...a, ...b, ...c, ...d];
    const order = all.map((_, i) => i).sort(() => Math.random() - 0.5);
    const answers: Answer[] = new Array(all.length);
    await Promise.all(order.map(async (i) => (answers[i] = await send(all[i].idem, all[i].body))));
    const of = (from: number, n: number) => answers.slice(from, from + n);
    const statuses = (list: Answer[]) => list.map((x) => x.status).sort();

    const aAnswers = of(0, a.length);
    expect(aAnswers.filter((x) => x.status === 201)).toHaveLength(100);
    expect(aAnswers.filter((x) => x.body.error?.code === 'USAGE_LIMIT_REACHED')).toHaveLength(50);

    const bAnswers = of(a.length, b.length);
    expect(bAnswers.filter((x) => x.status === 201)).toHaveLength(30);
    expect(bAnswers.filter((x) => x.body.error?.code === 'CUSTOMER_LIMIT_REACHED')).toHaveLength(20);
    for (let customer = 0; customer < 10; customer++)
      expect(bAnswers.filter((x, i) => i % 10 === customer && x.status === 201).length).toBeLessThanOrEqual(
        3,
      );

    const cAnswers = of(a.length + b.length, c.length);
    for (let i = 0; i < c.length; i += 2) {
      expect(statuses(cAnswers.slice(i, i + 2))).toEqual([200, 201]);
      expect(cAnswers[i].body.id).toBe(cAnswers[i + 1].body.id);
    }

    const dAnswers = of(a.length + b.length + c.length, d.length);
    for (let i = 0; i < d.length; i += 2) expect(statuses(dAnswers.slice(i, i + 2))).toEqual([201, 409]);

    const counts = await t.dataSource.query(
      `SELECT pool_id, count(*)::int AS n FROM redemptions WHERE pool_id = ANY($1) GROUP BY pool_id`,
      [[limited.id, perCustomer.id, retried.id, reused.id]],
    );
    const n = new Map(counts.map((r: { pool_id: string; n: number }) => [r.pool_id, r.n]));
    expect([limited.id, perCustomer.id, retried.id, reused.id].map((id) => n.get(id))).toEqual([
      100, 30, 40, 10,
    ]);
    for (const pool of [limited, perCustomer, retried, reused])
      await expectCountersMatchRows(t, pool.id, brand.accessToken);
    expect(Math.max(...batchSizes())).toBeGreaterThan(1);
  });
});
