import { errorCode, signUp, SignedUp } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import {
  createCampaign,
  creatorIdOf,
  OFFER_FIELDS,
  sendOffer,
} from '../../negotiation/tests/negotiation-factories';

const CAMPAIGN_FIELDS = `id name status brief objective brand { id } budget { amount currency } spent { amount } reserved { amount } remaining { amount } roseUnitPrice { amount }`;
const GET = `query($id: ID!) { campaign(id: $id) { ${CAMPAIGN_FIELDS} } }`;
const VIA_OFFER = `query($id: ID!) { offer(id: $id) { id campaign { ${CAMPAIGN_FIELDS} } } }`;
const UPDATE = `mutation($id: ID!) { updateCampaign(id: $id, input: { brief: "Taken over" }) { id brief } }`;
const LIST = `{ campaigns(first: 10) { totalCount nodes { id } } }`;

/**
 * Policy: the creator organization of an offer on a campaign reads that campaign through
 * campaign(id), with the same fields it reads through Offer.campaign (and Drop.campaign). Reading
 * is all it gains: it changes nothing through it, lists still show only its own organizations'
 * campaigns, and another creator gets NOT_FOUND.
 */
describe('campaign(id) for the creator of an offer', () => {
  let t: TestApp;
  let brand: SignedUp;
  let creator: SignedUp;
  let otherCreator: SignedUp;
  let campaignId: string;
  let offerId: string;

  beforeAll(async () => {
    t = await startTestApp();
    [brand, creator, otherCreator] = await Promise.all([
      signUp(t, 'BRAND'),
      signUp(t, 'CREATOR'),
      signUp(t, 'CREATOR'),
    ]);
    campaignId = await createCampaign(t, brand);
    const sent = await sendOffer(t, brand, campaignId, await creatorIdOf(t, creator));
    if (sent.errors) throw new Error(JSON.stringify(sent.errors));
    offerId = sent.data.sendOffer.id;
  });
  afterAll(() => t.close());

  it('answers the creator of an offer with what Offer.campaign shows it', async () => {
    const direct = await t.gql(GET, { id: campaignId }, creator.accessToken);
    expect(direct.errors).toBeUndefined();
    const viaOffer = await t.gql(VIA_OFFER, { id: offerId }, creator.accessToken);
    expect(viaOffer.errors).toBeUndefined();
    expect(direct.data.campaign).toEqual(viaOffer.data.offer.campaign);
    expect(direct.data.campaign).toMatchObject({ id: campaignId, brand: { id: brand.organizationId } });
  });

  it('still answers NOT_FOUND to a creator without an offer on it, and to an unknown campaign', async () => {
    expect(errorCode(await t.gql(GET, { id: campaignId }, otherCreator.accessToken))).toBe('NOT_FOUND');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(errorCode(await t.gql(GET, { id: unknown }, creator.accessToken))).toBe('NOT_FOUND');
  });

  it('gives the creator no write and no listing through it', async () => {
    const update = await t.gql(UPDATE, { id: campaignId }, creator.accessToken);
    expect(errorCode(update)).toBe('NOT_FOUND');
    expect(update.data?.updateCampaign ?? null).toBeNull();
    const [row] = await t.dataSource.query(`SELECT brief FROM campaigns WHERE id = $1`, [campaignId]);
    expect(row.brief).not.toBe('Taken over');
    expect((await t.gql(LIST, {}, creator.accessToken)).data.campaigns.totalCount).toBe(0);
  });

  it('keeps reading it after the offer is declined (the offer, and so Offer.campaign, stays readable)', async () => {
    const declined = await t.gql(
      `mutation($id: ID!) { declineOffer(offerId: $id) { ${OFFER_FIELDS} } }`,
      { id: offerId },
      creator.accessToken,
    );
    expect(declined.errors).toBeUndefined();
    expect((await t.gql(GET, { id: campaignId }, creator.accessToken)).errors).toBeUndefined();
    expect((await t.gql(VIA_OFFER, { id: offerId }, creator.accessToken)).errors).toBeUndefined();
  });
});
