import { ok } from '../../support/api';
import { terms, World } from '../../support/world';
import { BRAND_READ, BRAND_WRITE, CREATOR_ONLY, emptyList, gql, MatrixRow, SIGNED_IN, with_ } from './matrix';

/** Streams: the creator's own members and the brand side (they pick streams for drops), not other creators. */
const STREAM_READERS = with_(SIGNED_IN, { otherCreator: 'NOT_FOUND' });

const STREAM_ACTION = (name: string) => `mutation($id: ID!) { ${name}Stream(id: $id) { id status } }`;
const CAMPAIGN_ACTION = (name: string) => `mutation($id: ID!) { ${name}Campaign(id: $id) { id status } }`;

async function pausedCampaign(w: World) {
  const id = await w.make.campaign('ACTIVE');
  await ok(w.api.gql(CAMPAIGN_ACTION('pause'), { id }, w.brand.accessToken));
  return { id };
}

/** Brand objects the creator negotiates on: readable by the brand's readers and that creator. */
const BRAND_AND_CREATOR: typeof BRAND_READ = with_(BRAND_READ, { creator: 'OK' });

/** Lists of them filtered by the campaign: outsiders get an empty list. */
const BRAND_AND_CREATOR_LIST = with_(BRAND_AND_CREATOR, {
  otherTenant: 'NONE',
  agencyWithoutGrant: 'NONE',
  otherCreator: 'NONE',
});

export const creatorRows: MatrixRow[] = [
  {
    op: 'Query.creators',
    call: gql(`{ creators(first: 5) { totalCount nodes { id handle } } }`),
    expect: SIGNED_IN,
  },
  {
    op: 'Query.creator',
    call: gql(`query($id: ID!) { creator(id: $id) { id handle rate { amount } } }`, (w) => ({
      id: w.creatorId,
    })),
    expect: SIGNED_IN,
  },
  {
    op: 'Mutation.updateCreatorProfile',
    keys: { org: 'creator', scope: 'EVENTS_WRITE' },
    call: gql(
      `mutation($id: ID!, $i: CreatorProfileInput!) { updateCreatorProfile(creatorId: $id, input: $i) { id bio } }`,
      (w) => ({ id: w.creatorId, i: { bio: 'Matrix bio' } }),
    ),
    expect: CREATOR_ONLY,
  },
  {
    op: 'Query.streams',
    call: gql(`query($c: ID) { streams(creatorId: $c) { totalCount nodes { id } } }`, (w) => ({
      c: w.creatorId,
    })),
    expect: STREAM_READERS,
  },
  {
    op: 'Query.stream',
    call: gql(`query($id: ID!) { stream(id: $id) { id status giftedRoses } }`, (w) => ({ id: w.streamId })),
    expect: STREAM_READERS,
  },
  {
    op: 'Mutation.scheduleStream',
    keys: { org: 'creator', scope: 'EVENTS_WRITE' },
    call: gql(`mutation($i: ScheduleStreamInput!) { scheduleStream(input: $i) { id } }`, (w) => ({
      i: { creatorId: w.creatorId, title: 'Matrix', scheduledStartAt: '2031-01-01T20:00:00Z' },
    })),
    expect: CREATOR_ONLY,
  },
  {
    op: 'Mutation.startStream',
    keys: { org: 'creator', scope: 'EVENTS_WRITE' },
    prepare: async (w) => ({ id: await w.make.stream(false) }),
    call: gql(STREAM_ACTION('start'), (_w, p) => ({ id: p.id })),
    expect: CREATOR_ONLY,
  },
  {
    op: 'Mutation.endStream',
    keys: { org: 'creator', scope: 'EVENTS_WRITE' },
    prepare: async (w) => ({ id: await w.make.stream(true) }),
    call: gql(STREAM_ACTION('end'), (_w, p) => ({ id: p.id })),
    expect: CREATOR_ONLY,
  },
  {
    op: 'Mutation.cancelStream',
    keys: { org: 'creator', scope: 'EVENTS_WRITE' },
    prepare: async (w) => ({ id: await w.make.stream(false) }),
    call: gql(STREAM_ACTION('cancel'), (_w, p) => ({ id: p.id })),
    expect: CREATOR_ONLY,
  },
];

export const campaignRows: MatrixRow[] = [
  {
    op: 'Query.campaigns',
    call: gql(`query($b: ID) { campaigns(brandId: $b) { totalCount nodes { id name } } }`, (w) => ({
      b: w.brand.organizationId,
    })),
    expect: BRAND_READ,
  },
  {
    op: 'Query.campaign',
    call: gql(
      `query($id: ID!) { campaign(id: $id) { id name budget { amount } spent { amount } } }`,
      (w) => ({
        id: w.campaignId,
      }),
    ),
    // The creator of an offer on it reads it here as through Offer.campaign and Drop.campaign.
    expect: BRAND_AND_CREATOR,
  },
  {
    op: 'Mutation.createCampaign',
    call: gql(`mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`, (w) => ({
      i: {
        brandId: w.brand.organizationId,
        name: 'Matrix',
        brief: 'Matrix',
        objective: 'AWARENESS',
        budget: { amount: '100.00', currency: 'USD' },
      },
    })),
    expect: BRAND_WRITE,
  },
  {
    op: 'Mutation.updateCampaign',
    prepare: async (w) => ({ id: await w.make.campaign('DRAFT') }),
    call: gql(
      `mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id brief } }`,
      (_w, p) => ({ id: p.id, i: { brief: 'Changed by the matrix' } }),
    ),
    expect: BRAND_WRITE,
  },
  {
    op: 'Mutation.launchCampaign',
    prepare: async (w) => ({ id: await w.make.campaign('DRAFT') }),
    call: gql(CAMPAIGN_ACTION('launch'), (_w, p) => ({ id: p.id })),
    expect: BRAND_WRITE,
  },
  {
    op: 'Mutation.pauseCampaign',
    prepare: async (w) => ({ id: await w.make.campaign('ACTIVE') }),
    call: gql(CAMPAIGN_ACTION('pause'), (_w, p) => ({ id: p.id })),
    expect: BRAND_WRITE,
  },
  {
    op: 'Mutation.resumeCampaign',
    prepare: pausedCampaign,
    call: gql(CAMPAIGN_ACTION('resume'), (_w, p) => ({ id: p.id })),
    expect: BRAND_WRITE,
  },
  {
    op: 'Mutation.completeCampaign',
    prepare: async (w) => ({ id: await w.make.campaign('ACTIVE') }),
    call: gql(CAMPAIGN_ACTION('complete'), (_w, p) => ({ id: p.id })),
    expect: BRAND_WRITE,
  },
  {
    op: 'Mutation.cancelCampaign',
    prepare: async (w) => ({ id: await w.make.campaign('ACTIVE') }),
    call: gql(CAMPAIGN_ACTION('cancel'), (_w, p) => ({ id: p.id })),
    expect: BRAND_WRITE,
  },
];

const OFFER = `id status version`;
/** The brand's side acts on a PENDING offer it sent; the creator answers it. */
const CREATOR_ANSWERS = with_(CREATOR_ONLY, {
  owner: 'FORBIDDEN',
  manager: 'FORBIDDEN',
  viewer: 'FORBIDDEN',
  agencyWithGrant: 'FORBIDDEN',
});

export const offerRows: MatrixRow[] = [
  {
    op: 'Query.offers',
    call: gql(
      `query($c: ID) { offers(campaignId: $c) { totalCount nodes { id } } }`,
      (w) => ({ c: w.campaignId }),
      emptyList('offers'),
    ),
    expect: BRAND_AND_CREATOR_LIST,
  },
  {
    op: 'Query.offer',
    call: gql(`query($id: ID!) { offer(id: $id) { ${OFFER} messages { body } } }`, (w) => ({
      id: w.offerId,
    })),
    expect: BRAND_AND_CREATOR,
  },
  {
    // A fresh campaign per cell: a second pending offer to the same creator would be a conflict.
    op: 'Mutation.sendOffer',
    prepare: async (w) => ({ campaignId: await w.make.campaign('ACTIVE') }),
    call: gql(`mutation($i: SendOfferInput!) { sendOffer(input: $i) { ${OFFER} } }`, (w, p) => ({
      i: { campaignId: p.campaignId, creatorId: w.creatorId, terms: terms() },
    })),
    expect: BRAND_WRITE,
  },
  {
    op: 'Mutation.counterOffer',
    keys: { org: 'creator', scope: 'DROPS_CLAIM' },
    prepare: async (w) => ({ id: await w.make.offer() }),
    call: gql(
      `mutation($id: ID!, $t: OfferTermsInput!) { counterOffer(offerId: $id, expectedVersion: 1, terms: $t) { ${OFFER} } }`,
      (_w, p) => ({ id: p.id, t: terms('12.00') }),
    ),
    expect: CREATOR_ANSWERS,
  },
  {
    op: 'Mutation.acceptOffer',
    keys: { org: 'creator', scope: 'DROPS_CLAIM' },
    prepare: async (w) => ({ id: await w.make.offer() }),
    call: gql(
      `mutation($id: ID!) { acceptOffer(offerId: $id, expectedVersion: 1) { ${OFFER} } }`,
      (_w, p) => ({
        id: p.id,
      }),
    ),
    expect: CREATOR_ANSWERS,
  },
  {
    op: 'Mutation.declineOffer',
    keys: { org: 'creator', scope: 'DROPS_CLAIM' },
    prepare: async (w) => ({ id: await w.make.offer() }),
    call: gql(`mutation($id: ID!) { declineOffer(offerId: $id, reason: "no") { ${OFFER} } }`, (_w, p) => ({
      id: p.id,
    })),
    expect: CREATOR_ANSWERS,
  },
  {
    op: 'Mutation.withdrawOffer',
    prepare: async (w) => ({ id: await w.make.offer() }),
    call: gql(`mutation($id: ID!) { withdrawOffer(offerId: $id) { ${OFFER} } }`, (_w, p) => ({ id: p.id })),
    expect: with_(BRAND_WRITE, { creator: 'FORBIDDEN' }),
  },
  {
    op: 'Mutation.postOfferMessage',
    call: gql(`mutation($id: ID!) { postOfferMessage(offerId: $id, body: "hello") { id body } }`, (w) => ({
      id: w.offerId,
    })),
    expect: with_(BRAND_WRITE, { creator: 'OK' }),
  },
];
