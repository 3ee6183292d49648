import { createApiKey, signUp, SignedUp, unique } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { recordStatements, StatementRecorder } from '../../testing/statement-recorder';
import { createCampaign, createPool, redeem, redeemBody } from './coupon-factories';

/**
 * The SQL statements of one `POST /v1/redemptions` with an API key (benchmark R1), counted at the
 * pg client the app's pool uses, once the API key is in the process's ApiKeyCache: one read (code
 * facts + the key's stored answer) and one write (code use, customer use, redemption, answer).
 * Before: 14 (transaction, advisory lock, stored answer, facts, access, savepoint, code, customer,
 * release, redemption, view re-read, answer, commit).
 */
describe('redemption statements', () => {
  let t: TestApp;
  let brand: SignedUp;
  let key: string;
  let campaignId: string;
  let recorder: StatementRecorder | undefined;

  beforeAll(async () => {
    t = await startTestApp();
    brand = await signUp(t, 'BRAND');
    key = (await createApiKey(t, brand, ['REDEMPTIONS_WRITE'])).secret;
    campaignId = await createCampaign(t, brand);
    recorder = recordStatements(t.dataSource);
  });
  afterAll(async () => {
    recorder?.restore();
    await t.close();
  });

  /** The statements of one request (the fewest of three tries: a background job only adds). */
  async function statementsOf(send: () => Promise<Response>, status: number): Promise<string[]> {
    let best: string[] | null = null;
    for (let i = 0; i < 3; i++) {
      let res: Response | undefined;
      const statements = await (recorder as StatementRecorder).during(async () => (res = await send()));
      expect(res?.status).toBe(status);
      if (!best || statements.length < best.length) best = statements;
    }
    return best as string[];
  }

  it('a redemption is 2 statements, its replay 1, a refusal 2 (a used-up code too: refused from the read)', async () => {
    const { codes } = await createPool(t, brand, campaignId, { size: 10, perCustomerLimit: 5 });
    let n = 0;
    const fresh = await statementsOf(
      () => redeem(t, key, unique('k'), redeemBody(codes[n++], { customerId: unique('c') })),
      201,
    );
    expect(fresh).toHaveLength(2);
    expect(fresh.filter((sql) => /^\s*(START|BEGIN|COMMIT|SAVEPOINT)/i.test(sql))).toEqual([]);
    expect(fresh[1]).toContain('INSERT INTO idempotency_keys');

    const idem = unique('k');
    const body = redeemBody(codes[9]);
    expect((await redeem(t, key, idem, body)).status).toBe(201);
    expect(await statementsOf(() => redeem(t, key, idem, body), 200)).toHaveLength(1);

    const usedUp = await statementsOf(() => redeem(t, key, unique('k'), redeemBody(codes[9])), 422);
    expect(usedUp).toHaveLength(2);
    expect(usedUp.filter((sql) => /UPDATE coupon_codes/.test(sql))).toEqual([]);
    const mismatch = await statementsOf(
      () =>
        redeem(t, key, unique('k'), redeemBody(codes[8], { orderAmount: { amount: '5', currency: 'EUR' } })),
      422,
    );
    expect(mismatch).toHaveLength(2);
  });
});
