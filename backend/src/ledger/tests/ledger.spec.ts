import { Dec } from '@bouquet/shared';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { errorCode, signUp, SignedUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { LedgerService } from '../ledger.service';

const CREATE = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`;
const CAMPAIGN = `query($id: ID!) { campaign(id: $id) { status budget { amount } spent { amount } reserved { amount } remaining { amount } } }`;

async function createCampaign(t: TestApp, brand: SignedUp, budget: string): Promise<string> {
  const res = await t.gql(
    CREATE,
    {
      input: {
        brandId: brand.organizationId,
        name: 'Ledger test',
        brief: 'Budget ledger',
        objective: 'SALES',
        budget: { amount: budget, currency: 'USD' },
      },
    },
    brand.accessToken,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.createCampaign.id as string;
}

describe('budget ledger', () => {
  let t: TestApp;
  let ledger: LedgerService;
  let uow: UnitOfWork;
  let brand: SignedUp;
  beforeAll(async () => {
    t = await startTestApp();
    ledger = t.app.get(LedgerService);
    uow = t.app.get(UnitOfWork);
    brand = await signUp(t, 'BRAND');
  });
  afterAll(() => t.close());

  const entries = (campaignId: string) =>
    t.dataSource.query<{ kind: string; amount: string; ref_type: string; ref_id: string }[]>(
      `SELECT kind, amount, ref_type, ref_id FROM ledger_entries WHERE campaign_id = $1 ORDER BY id`,
      [campaignId],
    );

  it('keeps spent + reserved <= budget under 200 parallel reserves, three runs', async () => {
    const figures: string[] = [];
    for (let run = 0; run < 3; run++) {
      const budget = '5000.00';
      const campaignId = await createCampaign(t, brand, budget);
      // Random amounts 1.00 .. 100.99: about 10,100 requested against 5,000, so only some fit.
      const amounts = Array.from({ length: 200 }, () =>
        new Dec(Math.floor(Math.random() * 10000) + 100).div(100).toFixed(2),
      );
      const results = await Promise.allSettled(
        amounts.map((amount, i) =>
          uow.run(() => ledger.reserve(campaignId, amount, { type: 'test', id: `run${run}-${i}` })),
        ),
      );
      const accepted = amounts.filter((_, i) => results[i].status === 'fulfilled');
      const refused = results.map((r, i) => ({ r, i })).filter(({ r }) => r.status === 'rejected');
      for (const { r } of refused)
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'BUDGET_EXCEEDED' });
      expect(accepted.length).toBeGreaterThan(0);
      expect(refused.length).toBeGreaterThan(0);

      const [row] = await t.dataSource.query<{ budget: string; spent: string; reserved: string }[]>(
        `SELECT budget, spent, reserved FROM campaigns WHERE id = $1`,
        [campaignId],
      );
      const acceptedSum = accepted.reduce((s, a) => s.plus(a), new Dec(0));
      expect(new Dec(row.spent).plus(row.reserved).lte(row.budget)).toBe(true);
      expect(new Dec(row.reserved).eq(acceptedSum)).toBe(true);
      // Refused calls wrote nothing: exactly one entry per accepted call, none for refused refs.
      const written = await entries(campaignId);
      expect(written).toHaveLength(accepted.length);
      const refusedRefs = new Set(refused.map(({ i }) => `run${run}-${i}`));
      expect(written.filter((e) => refusedRefs.has(e.ref_id))).toHaveLength(0);
      expect(await ledger.inconsistencies([campaignId])).toEqual([]);
      // Whatever was refused really did not fit at the end (the budget was used up to a point).
      const smallestRefused = Dec.min(...refused.map(({ i }) => amounts[i]));
      expect(acceptedSum.plus(smallestRefused).gt(budget)).toBe(true);
      figures.push(
        `run ${run + 1}: ${accepted.length} accepted (${acceptedSum.toFixed(2)}), ${refused.length} refused, budget ${budget}`,
      );
    }
    console.log(`ledger concurrency:\n${figures.join('\n')}`);
    expect(await ledger.inconsistencies()).toEqual([]);
  });

  it('commits from a reservation, commits directly, releases, and refuses what does not fit', async () => {
    const id = await createCampaign(t, brand, '100.00');
    await uow.run(() => ledger.reserve(id, '40', { type: 'drop', id: 'd1' }));
    await uow.run(() => ledger.commit(id, '30', { type: 'offer', id: 'o1' }));
    // Closing a drop: the claimed part is spent out of the reservation, the rest released.
    await uow.run(async () => {
      await ledger.commit(id, '25', { type: 'drop', id: 'd1' }, { fromReserved: '25' });
      await ledger.release(id, '15', { type: 'drop', id: 'd1' });
    });
    const after = await ledger.totals(id);
    expect(new Dec(after.spent).toFixed(2)).toBe('55.00');
    expect(new Dec(after.reserved).toFixed(2)).toBe('0.00');

    await expect(
      uow.run(() => ledger.reserve(id, '45.01', { type: 'drop', id: 'd2' })),
    ).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    await expect(uow.run(() => ledger.commit(id, '46', { type: 'offer', id: 'o2' }))).rejects.toMatchObject({
      code: 'BUDGET_EXCEEDED',
    });
    await expect(uow.run(() => ledger.release(id, '1', { type: 'drop', id: 'd1' }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await uow.run(() => ledger.reserve(id, '45', { type: 'drop', id: 'd3' }));
    expect(await ledger.totals(id)).toMatchObject({ spent: '55.0000', reserved: '45.0000' });
    expect((await entries(id)).map((e) => `${e.kind} ${e.amount}`)).toEqual([
      'RESERVE 40.0000',
      'COMMIT 30.0000',
      'RELEASE 25.0000',
      'COMMIT 25.0000',
      'RELEASE 15.0000',
      'RESERVE 45.0000',
    ]);
    expect(await ledger.inconsistencies([id])).toEqual([]);

    const res = await t.gql(CAMPAIGN, { id }, brand.accessToken);
    expect(res.data.campaign).toMatchObject({
      spent: { amount: '55.00' },
      reserved: { amount: '45.00' },
      remaining: { amount: '0.00' },
    });
  });

  it('rolls a movement back with the transaction that caused it', async () => {
    const id = await createCampaign(t, brand, '10.00');
    await expect(
      uow.run(async () => {
        await ledger.reserve(id, '5', { type: 'drop', id: 'x' });
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    expect(await ledger.totals(id)).toMatchObject({ reserved: '0.0000' });
    expect(await entries(id)).toHaveLength(0);
  });

  it('answers NOT_FOUND for an unknown campaign, and the check finds tampered totals', async () => {
    await expect(
      uow.run(() => ledger.reserve('00000000-0000-4000-8000-000000000000', '1', { type: 't', id: '1' })),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const id = await createCampaign(t, brand, '10.00');
    await t.dataSource.query(`UPDATE campaigns SET reserved = 1 WHERE id = $1`, [id]);
    expect(await ledger.inconsistencies([id])).toHaveLength(1);
    await t.dataSource.query(`UPDATE campaigns SET reserved = 0 WHERE id = $1`, [id]);
    expect(errorCode({})).toBeUndefined();
  });
});
