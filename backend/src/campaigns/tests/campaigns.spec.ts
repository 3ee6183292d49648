import { UnitOfWork } from '../../platform/database/unit-of-work';
import { buildWorld, MatrixRow, runMatrix, World } from '../../testing/authz-matrix';
import { errorCode, signUp, SignedUp } from '../../testing/factories';
import { GqlResult, startTestApp, TestApp } from '../../testing/test-app';
import { LedgerService } from '../../ledger/ledger.service';

const FIELDS = `id status name brief objective brand { id }
  budget { amount currency } spent { amount } reserved { amount } remaining { amount }
  roseUnitPrice { amount currency } startsAt endsAt`;
const CREATE = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { ${FIELDS} } }`;
const GET = `query($id: ID!) { campaign(id: $id) { ${FIELDS} } }`;
const LIST = `query($brandId: ID, $status: CampaignStatus, $first: Int, $after: String) {
  campaigns(brandId: $brandId, status: $status, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { id name } } }`;
const action = (name: string) => `mutation($id: ID!) { ${name}Campaign(id: $id) { id status } }`;

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

function input(brandId: string, extra: Record<string, unknown> = {}) {
  return {
    brandId,
    name: 'Spring launch',
    brief: 'Sponsored drops during evening streams',
    objective: 'SALES',
    budget: { amount: '1000.00', currency: 'USD' },
    ...extra,
  };
}

function fieldOf(res: GqlResult): string | undefined {
  return res.errors?.[0]?.extensions?.fields?.[0]?.field;
}

describe('campaigns', () => {
  let t: TestApp;
  let brand: SignedUp;
  let other: SignedUp;
  beforeAll(async () => {
    t = await startTestApp();
    [brand, other] = await Promise.all([signUp(t, 'BRAND'), signUp(t, 'BRAND')]);
  });
  afterAll(() => t.close());

  const create = async (extra: Record<string, unknown> = {}, who = brand) => {
    const res = await t.gql(CREATE, { input: input(who.organizationId, extra) }, who.accessToken);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.createCampaign as { id: string; status: string };
  };
  const act = (name: string, id: string, token = brand.accessToken) => t.gql(action(name), { id }, token);

  it('creates a DRAFT campaign with money as decimal strings and the default rose price', async () => {
    const res = await t.gql(CREATE, { input: input(brand.organizationId) }, brand.accessToken);
    expect(res.errors).toBeUndefined();
    expect(res.data.createCampaign).toMatchObject({
      status: 'DRAFT',
      objective: 'SALES',
      brand: { id: brand.organizationId },
      budget: { amount: '1000.00', currency: 'USD' },
      spent: { amount: '0.00' },
      reserved: { amount: '0.00' },
      remaining: { amount: '1000.00' },
      roseUnitPrice: { amount: '0.01', currency: 'USD' },
    });
    const jpy = await create({
      budget: { amount: '50000', currency: 'JPY' },
      roseUnitPrice: { amount: '1.5', currency: 'JPY' },
    });
    expect(jpy).toMatchObject({ budget: { amount: '50000' }, roseUnitPrice: { amount: '1.5' } });
  });

  it.each([
    ['negative budget', { budget: { amount: '-5.00', currency: 'USD' } }, 'input.budget'],
    ['zero budget', { budget: { amount: '0', currency: 'USD' } }, 'input.budget'],
    ['huge budget', { budget: { amount: '1000000000000.01', currency: 'USD' } }, 'input.budget'],
    ['3-decimal budget', { budget: { amount: '10.001', currency: 'USD' } }, 'input.budget'],
    ['decimals in JPY', { budget: { amount: '10.5', currency: 'JPY' } }, 'input.budget'],
    ['unknown currency', { budget: { amount: '10.00', currency: 'XYZ' } }, 'input.budget'],
    ['lower-case currency', { budget: { amount: '10.00', currency: 'usd' } }, 'input.budget.currency'],
    [
      'rose price in another currency',
      { roseUnitPrice: { amount: '0.01', currency: 'EUR' } },
      'input.roseUnitPrice.currency',
    ],
    ['zero rose price', { roseUnitPrice: { amount: '0', currency: 'USD' } }, 'input.roseUnitPrice'],
    [
      '7-decimal rose price',
      { roseUnitPrice: { amount: '0.0000001', currency: 'USD' } },
      'input.roseUnitPrice',
    ],
    [
      'dates in the wrong order',
      { startsAt: '2030-02-01T00:00:00Z', endsAt: '2030-01-01T00:00:00Z' },
      'input.endsAt',
    ],
    ['equal dates', { startsAt: '2030-02-01T00:00:00Z', endsAt: '2030-02-01T00:00:00Z' }, 'input.endsAt'],
    ['name over the limit', { name: 'x'.repeat(121) }, 'input.name'],
    ['empty name', { name: '   ' }, 'input.name'],
    ['brief over the limit', { brief: 'x'.repeat(5001) }, 'input.brief'],
  ])('refuses a %s with BAD_USER_INPUT naming the field', async (_label, extra, field) => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM campaigns`);
    const res = await t.gql(CREATE, { input: input(brand.organizationId, extra) }, brand.accessToken);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(fieldOf(res)).toBe(field);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM campaigns`)).toEqual(before);
  });

  it('refuses a float budget at the GraphQL layer', async () => {
    const res = await t.gql(
      CREATE,
      { input: input(brand.organizationId, { budget: { amount: 10.5, currency: 'USD' } }) },
      brand.accessToken,
    );
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
  });

  it('refuses unknown, malformed, non-brand and other tenants’ brand ids', async () => {
    const creator = await signUp(t, 'CREATOR');
    const cases: [string, string, string][] = [
      [UNKNOWN, brand.accessToken, 'NOT_FOUND'],
      ['not-a-uuid', brand.accessToken, 'NOT_FOUND'],
      [other.organizationId, brand.accessToken, 'NOT_FOUND'],
      [creator.organizationId, creator.accessToken, 'BAD_USER_INPUT'],
    ];
    for (const [brandId, token, code] of cases) {
      const res = await t.gql(CREATE, { input: input(brandId) }, token);
      expect([brandId, errorCode(res)]).toEqual([brandId, code]);
    }
  });

  it('walks every legal transition and refuses every illegal one with CONFLICT', async () => {
    const actions = ['launch', 'pause', 'resume', 'complete', 'cancel'];
    const legal: Record<string, Record<string, string>> = {
      DRAFT: { launch: 'ACTIVE', cancel: 'CANCELLED' },
      ACTIVE: { pause: 'PAUSED', complete: 'COMPLETED', cancel: 'CANCELLED' },
      PAUSED: { resume: 'ACTIVE', cancel: 'CANCELLED' },
      COMPLETED: {},
      CANCELLED: {},
    };
    const reach: Record<string, string[]> = {
      DRAFT: [],
      ACTIVE: ['launch'],
      PAUSED: ['launch', 'pause'],
      COMPLETED: ['launch', 'complete'],
      CANCELLED: ['cancel'],
    };
    for (const [from, path] of Object.entries(reach)) {
      for (const name of actions) {
        const { id } = await create();
        for (const step of path) expect((await act(step, id)).errors).toBeUndefined();
        const res = await act(name, id);
        const expected = legal[from][name];
        if (expected) {
          expect([from, name, res.errors]).toEqual([from, name, undefined]);
          expect(res.data[`${name}Campaign`].status).toBe(expected);
        } else {
          expect([from, name, errorCode(res)]).toEqual([from, name, 'CONFLICT']);
          expect((await t.gql(GET, { id }, brand.accessToken)).data.campaign.status).toBe(from);
        }
      }
    }
  });

  it('updates fields, keeps one currency, and refuses a budget below spent + reserved', async () => {
    const { id } = await create();
    const ok = await t.gql(
      UPDATE,
      {
        id,
        input: {
          name: 'Renamed',
          budget: { amount: '1500.50', currency: 'USD' },
          endsAt: '2031-01-01T00:00:00Z',
        },
      },
      brand.accessToken,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data.updateCampaign).toMatchObject({ name: 'Renamed', budget: { amount: '1500.50' } });

    const wrongCurrency = await t.gql(
      UPDATE,
      { id, input: { budget: { amount: '1500.00', currency: 'EUR' } } },
      brand.accessToken,
    );
    expect(errorCode(wrongCurrency)).toBe('BAD_USER_INPUT');
    expect(fieldOf(wrongCurrency)).toBe('input.budget.currency');

    const wrongOrder = await t.gql(
      UPDATE,
      { id, input: { startsAt: '2032-01-01T00:00:00Z' } },
      brand.accessToken,
    );
    expect(fieldOf(wrongOrder)).toBe('input.endsAt');

    const ledger = t.app.get(LedgerService);
    const uow = t.app.get(UnitOfWork);
    await uow.run(async () => {
      await ledger.commit(id, '500', { type: 'offer', id: 'o1' });
      await ledger.reserve(id, '300', { type: 'drop', id: 'd1' });
    });
    const tooLow = await t.gql(
      UPDATE,
      { id, input: { name: 'Should not stick', budget: { amount: '799.99', currency: 'USD' } } },
      brand.accessToken,
    );
    expect(errorCode(tooLow)).toBe('BUDGET_EXCEEDED');
    const unchanged = (await t.gql(GET, { id }, brand.accessToken)).data.campaign;
    expect(unchanged).toMatchObject({
      name: 'Renamed',
      budget: { amount: '1500.50' },
      remaining: { amount: '700.50' },
    });
    const exact = await t.gql(
      UPDATE,
      { id, input: { budget: { amount: '800', currency: 'USD' } } },
      brand.accessToken,
    );
    expect(exact.data.updateCampaign).toMatchObject({
      budget: { amount: '800.00' },
      remaining: { amount: '0.00' },
    });

    expect(errorCode(await t.gql(UPDATE, { id: UNKNOWN, input: { name: 'x' } }, brand.accessToken))).toBe(
      'NOT_FOUND',
    );
    expect(errorCode(await t.gql(UPDATE, { id, input: { name: 'x'.repeat(121) } }, brand.accessToken))).toBe(
      'BAD_USER_INPUT',
    );
    await act('cancel', id);
    expect(errorCode(await t.gql(UPDATE, { id, input: { name: 'late' } }, brand.accessToken))).toBe(
      'CONFLICT',
    );
  });

  it('cancelling releases every reservation through the ledger and is audited', async () => {
    const { id } = await create();
    const ledger = t.app.get(LedgerService);
    const uow = t.app.get(UnitOfWork);
    await uow.run(async () => {
      await ledger.reserve(id, '100', { type: 'drop', id: 'a' });
      await ledger.reserve(id, '50', { type: 'drop', id: 'b' });
      await ledger.commit(id, '20', { type: 'drop', id: 'a' }, { fromReserved: '20' });
      await ledger.commit(id, '10', { type: 'offer', id: 'o' });
    });
    await act('launch', id);
    const res = await act('cancel', id);
    expect(res.data.cancelCampaign.status).toBe('CANCELLED');
    const campaign = (await t.gql(GET, { id }, brand.accessToken)).data.campaign;
    expect(campaign).toMatchObject({ spent: { amount: '30.00' }, reserved: { amount: '0.00' } });
    const releases = await t.dataSource.query(
      `SELECT ref_id, amount FROM ledger_entries WHERE campaign_id = $1 AND kind = 'RELEASE' ORDER BY id`,
      [id],
    );
    expect(releases).toEqual([
      { ref_id: 'a', amount: '20.0000' },
      { ref_id: 'a', amount: '80.0000' },
      { ref_id: 'b', amount: '50.0000' },
    ]);
    expect(await ledger.inconsistencies([id])).toEqual([]);
    const audit = await t.dataSource.query(
      `SELECT action, organization_id FROM audit_entries WHERE subject_id = $1`,
      [id],
    );
    expect(audit).toEqual([{ action: 'campaign.cancelled', organization_id: brand.organizationId }]);
  });

  it('lists the brand’s campaigns newest first with cursors, filters and totalCount', async () => {
    const b = await signUp(t, 'BRAND');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ name: `C${i}` }, b)).id);
    await act('launch', ids[1], b.accessToken);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res: GqlResult = await t.gql(LIST, { first: 2, after }, b.accessToken);
      expect(res.data.campaigns.totalCount).toBe(5);
      seen.push(...res.data.campaigns.nodes.map((n: { id: string }) => n.id));
      after = res.data.campaigns.pageInfo.hasNextPage ? res.data.campaigns.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([...ids].reverse());
    const active = await t.gql(LIST, { brandId: b.organizationId, status: 'ACTIVE' }, b.accessToken);
    expect(active.data.campaigns).toMatchObject({ totalCount: 1, nodes: [{ id: ids[1] }] });
    expect(errorCode(await t.gql(LIST, { brandId: b.organizationId }, brand.accessToken))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(LIST, { after: 'garbage' }, b.accessToken))).toBe('BAD_USER_INPUT');
    const creator = await signUp(t, 'CREATOR');
    expect((await t.gql(LIST, {}, creator.accessToken)).data.campaigns.totalCount).toBe(0);
  });

  describe('authorization matrix', () => {
    let world: World;
    let campaignId: string;
    beforeAll(async () => {
      world = await buildWorld(t);
      campaignId = (await create({}, world.brand)).id;
    });

    const everyoneInBrand = {
      owner: 'OK',
      manager: 'OK',
      viewer: 'OK',
      otherTenant: 'NOT_FOUND',
      agencyWithGrant: 'OK',
      agencyWithoutGrant: 'NOT_FOUND',
      creator: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      keyWithScope: 'OK',
      keyWithoutScope: 'OK',
    } as const;
    const writers = {
      ...everyoneInBrand,
      viewer: 'FORBIDDEN',
      keyWithScope: 'FORBIDDEN',
      keyWithoutScope: 'FORBIDDEN',
    } as const;

    it('answers every actor as the matrix says', async () => {
      const rows: MatrixRow[] = [
        {
          operation: 'campaign(brand campaign)',
          call: (t, _w, token) => t.gql(GET, { id: campaignId }, token),
          expect: everyoneInBrand,
        },
        {
          operation: 'campaigns(brandId)',
          call: (t, w, token) => t.gql(LIST, { brandId: w.brand.organizationId }, token),
          expect: everyoneInBrand,
        },
        {
          operation: 'updateCampaign',
          call: (t, _w, token) => t.gql(UPDATE, { id: campaignId, input: { brief: 'Updated brief' } }, token),
          expect: writers,
        },
        {
          operation: 'createCampaign(brandId)',
          call: (t, w, token) => t.gql(CREATE, { input: input(w.brand.organizationId) }, token),
          expect: writers,
        },
        {
          // A fresh DRAFT per call so every permitted actor can launch it.
          operation: 'launchCampaign',
          call: async (t, w, token) => t.gql(action('launch'), { id: (await create({}, w.brand)).id }, token),
          expect: writers,
        },
        {
          operation: 'cancelCampaign',
          call: async (t, w, token) => t.gql(action('cancel'), { id: (await create({}, w.brand)).id }, token),
          expect: writers,
        },
      ];
      expect(await runMatrix(t, world, rows)).toEqual([]);
    });
  });
});
