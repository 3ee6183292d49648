import { eventually } from '@bouquet/testing';
import { errorCode, signUp, SignedUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import {
  ACCEPT,
  COUNTER,
  createCampaign,
  creatorIdOf,
  OFFER_FIELDS,
  sendOffer,
  terms,
} from './negotiation-factories';

describe('negotiation', () => {
  let t: TestApp;
  let brand: SignedUp;
  let creator: SignedUp;
  let creatorId: string;
  beforeAll(async () => {
    t = await startTestApp();
    [brand, creator] = await Promise.all([signUp(t, 'BRAND'), signUp(t, 'CREATOR')]);
    creatorId = await creatorIdOf(t, creator);
  });
  afterAll(() => t.close());

  const ledger = async (campaignId: string) =>
    t.dataSource.query(
      `SELECT kind, amount, ref_type, ref_id FROM ledger_entries WHERE campaign_id = $1 ORDER BY id`,
      [campaignId],
    );
  const campaignTotals = async (campaignId: string) =>
    (
      await t.dataSource.query(`SELECT budget, spent, reserved FROM campaigns WHERE id = $1`, [campaignId])
    )[0];

  it('runs the whole dance: send, counter, counter, accept; the fee is committed once', async () => {
    const campaignId = await createCampaign(t, brand);
    const sent = await sendOffer(t, brand, campaignId, creatorId);
    expect(sent.data.sendOffer).toMatchObject({
      status: 'PENDING',
      version: 1,
      awaitingResponseFrom: 'CREATOR',
    });
    const id = sent.data.sendOffer.id;

    const c1 = await t.gql(
      COUNTER,
      { id, v: 1, t: terms('150.00'), m: 'A bit more please' },
      creator.accessToken,
    );
    expect(c1.data.counterOffer).toMatchObject({
      version: 2,
      awaitingResponseFrom: 'BRAND',
      currentTerms: { fee: { amount: '150.00' } },
    });
    const c2 = await t.gql(
      COUNTER,
      { id, v: 2, t: terms('125.00', { roseAllowance: 8000 }) },
      brand.accessToken,
    );
    expect(c2.data.counterOffer).toMatchObject({ version: 3, awaitingResponseFrom: 'CREATOR' });

    const accepted = await t.gql(ACCEPT, { id, v: 3 }, creator.accessToken);
    expect(accepted.data.acceptOffer).toMatchObject({
      status: 'ACCEPTED',
      version: 4,
      awaitingResponseFrom: null,
      acceptedAt: expect.any(String),
    });
    expect(await ledger(campaignId)).toEqual([
      { kind: 'COMMIT', amount: '125.0000', ref_type: 'offer', ref_id: id },
    ]);
    expect(await campaignTotals(campaignId)).toMatchObject({ spent: '125.0000', reserved: '0.0000' });

    const again = await t.gql(ACCEPT, { id, v: 4 }, creator.accessToken);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(await ledger(campaignId)).toHaveLength(1);

    const full = await t.gql(
      `query($id: ID!) { offer(id: $id) { revisions { number proposedBy message terms { fee { amount } roseAllowance } } messages { body party author { email } } campaign { id name } creator { id handle } } }`,
      { id },
      brand.accessToken,
    );
    expect(full.data.offer.revisions.map((r: { proposedBy: string }) => r.proposedBy)).toEqual([
      'BRAND',
      'CREATOR',
      'BRAND',
    ]);
    expect(full.data.offer.revisions[1].message).toBe('A bit more please');
    expect(full.data.offer.messages).toEqual([
      { body: 'Would love to work with you', party: 'BRAND', author: { email: brand.email } },
    ]);
    expect(full.data.offer.creator.id).toBe(creatorId);

    const notes = await t.gql(`{ notifications { nodes { kind subjectId } } }`, {}, creator.accessToken);
    expect(notes.data.notifications.nodes.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['offer.sent', 'offer.countered']),
    );
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE subject_id = $1 ORDER BY seq`,
      [id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual([
      'offer.sent',
      'offer.countered',
      'offer.countered',
      'offer.accepted',
    ]);
  });

  it('lets only the awaited party move, and refuses stale versions without changing anything', async () => {
    const campaignId = await createCampaign(t, brand);
    const id = (await sendOffer(t, brand, campaignId, creatorId)).data.sendOffer.id;
    expect(errorCode(await t.gql(COUNTER, { id, v: 1, t: terms('90.00') }, brand.accessToken))).toBe(
      'FORBIDDEN',
    );
    expect(errorCode(await t.gql(ACCEPT, { id, v: 1 }, brand.accessToken))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(COUNTER, { id, v: 7, t: terms('90.00') }, creator.accessToken))).toBe(
      'CONFLICT',
    );
    const [row] = await t.dataSource.query(`SELECT version, revision_count FROM offers WHERE id = $1`, [id]);
    expect(row).toEqual({ version: 1, revision_count: 1 });
    expect(errorCode(await sendOffer(t, brand, campaignId, creatorId))).toBe('CONFLICT');
  });

  it('accepts exactly once under 50 concurrent accepts', async () => {
    const campaignId = await createCampaign(t, brand);
    const id = (await sendOffer(t, brand, campaignId, creatorId)).data.sendOffer.id;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => t.gql(ACCEPT, { id, v: 1 }, creator.accessToken)),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => errorCode(r) === 'CONFLICT')).toHaveLength(49);
    expect(await ledger(campaignId)).toHaveLength(1);
    expect((await campaignTotals(campaignId)).spent).toBe('100.0000');
  });

  it('has exactly one winner when an accept races a counter', async () => {
    for (let round = 0; round < 5; round++) {
      const campaignId = await createCampaign(t, brand);
      const id = (await sendOffer(t, brand, campaignId, creatorId)).data.sendOffer.id;
      const [a, c] = await Promise.all([
        t.gql(ACCEPT, { id, v: 1 }, creator.accessToken),
        t.gql(COUNTER, { id, v: 1, t: terms('300.00') }, creator.accessToken),
      ]);
      expect([a, c].filter((r) => !r.errors)).toHaveLength(1);
      const [row] = await t.dataSource.query(`SELECT status, version FROM offers WHERE id = $1`, [id]);
      expect(row.version).toBe(2);
      expect((await ledger(campaignId)).length).toBe(row.status === 'ACCEPTED' ? 1 : 0);
    }
  });

  it('never passes the budget when accepts of several offers of one campaign race', async () => {
    const campaignId = await createCampaign(t, brand, '250.00');
    const creators = await Promise.all(Array.from({ length: 6 }, () => signUp(t, 'CREATOR')));
    const offers = await Promise.all(
      creators.map(async (c) => {
        const cid = await creatorIdOf(t, c);
        const id = (await sendOffer(t, brand, campaignId, cid)).data.sendOffer.id;
        return { id, token: c.accessToken };
      }),
    );
    const results = await Promise.all(offers.map((o) => t.gql(ACCEPT, { id: o.id, v: 1 }, o.token)));
    expect(results.filter((r) => !r.errors)).toHaveLength(2);
    expect(results.filter((r) => errorCode(r) === 'BUDGET_EXCEEDED')).toHaveLength(4);
    expect(await campaignTotals(campaignId)).toMatchObject({ spent: '200.0000', reserved: '0.0000' });
    const stillPending = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM offers WHERE campaign_id = $1 AND status = 'PENDING'`,
      [campaignId],
    );
    expect(stillPending[0].n).toBe(4);
  });

  it('expires through the job, and through the read path when no worker runs', async () => {
    const campaignId = await createCampaign(t, brand);
    const soon = new Date(Date.now() + 1500).toISOString();
    const id = (await sendOffer(t, brand, campaignId, creatorId, { expiresAt: soon })).data.sendOffer.id;
    await eventually(
      async () =>
        (await t.dataSource.query(`SELECT status FROM offers WHERE id = $1`, [id]))[0].status === 'EXPIRED',
      15_000,
    );

    const api = await startTestApp({ db: t.db, env: { ROLE: 'api' } });
    try {
      const campaign2 = await createCampaign(t, brand);
      const id2 = (
        await sendOffer(api, brand, campaign2, creatorId, {
          expiresAt: new Date(Date.now() + 1000).toISOString(),
        })
      ).data.sendOffer.id;
      await new Promise((r) => setTimeout(r, 1300));
      const read = await api.gql(
        `query($id: ID!) { offer(id: $id) { status awaitingResponseFrom } }`,
        { id: id2 },
        creator.accessToken,
      );
      expect(read.data.offer).toEqual({ status: 'EXPIRED', awaitingResponseFrom: null });
      expect(errorCode(await api.gql(ACCEPT, { id: id2, v: 1 }, creator.accessToken))).toBe('CONFLICT');
      expect((await t.dataSource.query(`SELECT status FROM offers WHERE id = $1`, [id2]))[0].status).toBe(
        'PENDING',
      );
    } finally {
      await api.close();
    }
  });

  it.each([
    ['negative fee', { terms: terms('-5.00') }, 'input.terms.fee'],
    [
      'fee in another currency',
      { terms: { ...terms(), fee: { amount: '10.00', currency: 'EUR' } } },
      'input.terms.fee.currency',
    ],
    ['zero streams', { terms: terms('10.00', { streamCount: 0 }) }, 'input.terms.streamCount'],
    [
      'huge allowance',
      { terms: terms('10.00', { roseAllowance: 1_000_000_001 }) },
      'input.terms.roseAllowance',
    ],
    [
      'discount 0',
      { terms: terms('10.00', { couponDiscountPercent: 0 }) },
      'input.terms.couponDiscountPercent',
    ],
    [
      'discount 101',
      { terms: terms('10.00', { couponDiscountPercent: 101 }) },
      'input.terms.couponDiscountPercent',
    ],
    ['message too long', { message: 'x'.repeat(4001) }, 'input.message'],
    ['expiry in the past', { expiresAt: new Date(Date.now() - 1000).toISOString() }, 'input.expiresAt'],
  ])('refuses %s naming the field, storing nothing', async (_name, extra, field) => {
    const campaignId = await createCampaign(t, brand);
    const res = await sendOffer(t, brand, campaignId, creatorId, extra);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.fields?.[0].field).toBe(field);
    expect(
      (
        await t.dataSource.query(`SELECT count(*)::int AS n FROM offers WHERE campaign_id = $1`, [campaignId])
      )[0].n,
    ).toBe(0);
  });

  it('answers unknown offers and messages over the limit clearly', async () => {
    expect(
      errorCode(
        await t.gql(ACCEPT, { id: '00000000-0000-0000-0000-000000000000', v: 1 }, creator.accessToken),
      ),
    ).toBe('NOT_FOUND');
    const campaignId = await createCampaign(t, brand);
    const id = (await sendOffer(t, brand, campaignId, creatorId)).data.sendOffer.id;
    const long = await t.gql(
      `mutation($id: ID!, $b: String!) { postOfferMessage(offerId: $id, body: $b) { id } }`,
      { id, b: 'x'.repeat(4001) },
      creator.accessToken,
    );
    expect(long.errors?.[0].extensions?.fields).toEqual([
      { field: 'body', message: 'must be 1 to 4000 characters' },
    ]);
    const html = await t.gql(
      `mutation($id: ID!, $b: String!) { postOfferMessage(offerId: $id, body: $b) { body party } }`,
      { id, b: '<script>alert(1)</script>' },
      creator.accessToken,
    );
    expect(html.data.postOfferMessage).toEqual({ body: '<script>alert(1)</script>', party: 'CREATOR' });
  });

  it('lists offers for both sides and hides them from everyone else', async () => {
    const other = await signUp(t, 'BRAND');
    const otherCreator = await signUp(t, 'CREATOR');
    const campaignId = await createCampaign(t, brand);
    const id = (await sendOffer(t, brand, campaignId, creatorId)).data.sendOffer.id;
    const list = `query($c: ID) { offers(campaignId: $c) { totalCount nodes { id } } }`;
    expect((await t.gql(list, { c: campaignId }, brand.accessToken)).data.offers.nodes).toEqual([{ id }]);
    const inbox = await t.gql(
      `{ offers(status: PENDING, first: 100) { nodes { id } } }`,
      {},
      creator.accessToken,
    );
    expect(inbox.data.offers.nodes).toEqual(expect.arrayContaining([{ id }]));
    for (const stranger of [other, otherCreator]) {
      expect((await t.gql(list, { c: campaignId }, stranger.accessToken)).data.offers).toEqual({
        totalCount: 0,
        nodes: [],
      });
      expect(
        errorCode(
          await t.gql(`query($id: ID!) { offer(id: $id) { ${OFFER_FIELDS} } }`, { id }, stranger.accessToken),
        ),
      ).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(ACCEPT, { id, v: 1 }, stranger.accessToken))).toBe('NOT_FOUND');
    }
  });
});
