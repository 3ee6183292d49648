import { ok } from '../../support/api';
import { unique, World } from '../../support/world';
import { BRAND_READ, BRAND_WRITE, emptyList, gql, MatrixRow, Prepared, with_ } from './matrix';

const DROP = `id status roseCount claimedRoses`;

/** A SCHEDULED manual drop on the world's live stream. */
async function scheduledDrop(w: World): Promise<Prepared> {
  const campaignId = await w.make.acceptedCampaign();
  return { id: await w.make.drop(campaignId, w.streamId) };
}

/** A fresh redemption of the world's pool, through the brand's checkout key. */
export async function freshRedemption(w: World): Promise<Prepared> {
  const res = await w.api.http('/v1/redemptions', {
    method: 'POST',
    token: w.keys.brand.REDEMPTIONS_WRITE.secret,
    headers: { 'Idempotency-Key': unique('matrix-') },
    json: order(w, { orderId: unique('order-') }),
  });
  if (res.status !== 201) throw new Error(`redemption for the matrix: ${res.status} ${res.text}`);
  return { id: res.json.id };
}

export function order(w: World, extra: Record<string, unknown> = {}) {
  return {
    code: w.codes[1],
    customerId: 'matrix-customer',
    orderAmount: { amount: '40.00', currency: 'USD' },
    ...extra,
  };
}

/** What the stream's creator may do with its drops: claim (the org's people, its DROPS_CLAIM keys). */
const CREATOR_CLAIMS = {
  owner: 'NOT_FOUND',
  manager: 'NOT_FOUND',
  viewer: 'NOT_FOUND',
  otherTenant: 'NOT_FOUND',
  agencyWithGrant: 'NOT_FOUND',
  agencyWithoutGrant: 'NOT_FOUND',
  creator: 'OK',
  otherCreator: 'NOT_FOUND',
  anonymous: 'UNAUTHENTICATED',
  keyWithScope: 'OK',
  keyWithoutScope: 'FORBIDDEN',
} as const;

/** Brand objects a creator takes part in (drops in its stream). */
const BRAND_AND_CREATOR = with_(BRAND_READ, { creator: 'OK' });

export const dropRows: MatrixRow[] = [
  {
    op: 'Query.drop',
    call: gql(`query($id: ID!) { drop(id: $id) { ${DROP} cost { amount } } }`, (w) => ({ id: w.dropId })),
    expect: BRAND_AND_CREATOR,
  },
  {
    op: 'Query.drops',
    call: gql(
      `query($c: ID) { drops(campaignId: $c) { totalCount nodes { id } } }`,
      (w) => ({ c: w.campaignId }),
      emptyList('drops'),
    ),
    expect: with_(BRAND_AND_CREATOR, {
      otherTenant: 'NONE',
      agencyWithoutGrant: 'NONE',
      otherCreator: 'NONE',
    }),
  },
  {
    op: 'Mutation.scheduleDrop',
    call: gql(`mutation($i: ScheduleDropInput!) { scheduleDrop(input: $i) { ${DROP} } }`, (w) => ({
      i: { campaignId: w.campaignId, streamId: w.streamId, trigger: 'MANUAL', roseCount: 5 },
    })),
    expect: BRAND_WRITE,
  },
  {
    op: 'Mutation.openDrop',
    prepare: scheduledDrop,
    call: gql(`mutation($id: ID!) { openDrop(id: $id) { ${DROP} } }`, (_w, p) => ({ id: p.id })),
    // The stream's host opens a MANUAL drop live.
    expect: with_(BRAND_WRITE, { creator: 'OK' }),
  },
  {
    op: 'Mutation.cancelDrop',
    prepare: scheduledDrop,
    call: gql(`mutation($id: ID!) { cancelDrop(id: $id) { ${DROP} } }`, (_w, p) => ({ id: p.id })),
    expect: BRAND_WRITE,
  },
  {
    op: 'Mutation.claimDrop',
    keys: { org: 'creator', scope: 'DROPS_CLAIM' },
    call: gql(
      `mutation($d: ID!, $v: String!) { claimDrop(dropId: $d, viewerId: $v) { id roses couponCode } }`,
      (w) => ({ d: w.dropId, v: unique('viewer-') }),
    ),
    expect: CREATOR_CLAIMS,
  },
];

export const couponRows: MatrixRow[] = [
  {
    op: 'Query.couponPool',
    call: gql(`query($id: ID!) { couponPool(id: $id) { id size generatedCount redemptionCount } }`, (w) => ({
      id: w.poolId,
    })),
    expect: BRAND_READ,
  },
  {
    op: 'Query.couponCodes',
    call: gql(
      `query($id: ID!) { couponCodes(poolId: $id, first: 5) { totalCount nodes { code } } }`,
      (w) => ({
        id: w.poolId,
      }),
    ),
    expect: BRAND_READ,
  },
  {
    op: 'Mutation.createCouponPool',
    call: gql(`mutation($i: CreateCouponPoolInput!) { createCouponPool(input: $i) { id } }`, (w) => ({
      i: { campaignId: w.campaignId, name: 'Matrix', discountType: 'PERCENT', discountValue: '5', size: 1 },
    })),
    expect: BRAND_WRITE,
  },
  {
    op: 'Mutation.assignCouponPool',
    prepare: async (w) => ({ poolId: await w.make.pool(w.campaignId, 1) }),
    call: gql(
      `mutation($p: ID!, $c: ID!) { assignCouponPool(poolId: $p, creatorId: $c) { id creator { id } } }`,
      (w, p) => ({ p: p.poolId, c: w.creatorId }),
    ),
    expect: BRAND_WRITE,
  },
  {
    // Another tenant's code is indistinguishable from a code that does not exist.
    op: 'Mutation.validateCoupon',
    call: gql(
      `mutation($i: ValidateCouponInput!) { validateCoupon(input: $i) { valid rejection discount { amount } } }`,
      (w) => ({ i: order(w) }),
      (data) => data.validateCoupon.rejection === 'NOT_FOUND',
    ),
    expect: with_(BRAND_READ, {
      otherTenant: 'NONE',
      agencyWithoutGrant: 'NONE',
      creator: 'NONE',
      otherCreator: 'NONE',
      keyWithoutScope: 'FORBIDDEN',
    }),
  },
  {
    op: 'Mutation.redeemCoupon',
    call: gql(
      `mutation($i: RedeemCouponInput!) { redeemCoupon(input: $i) { id status discount { amount } } }`,
      (w) => ({ i: order(w, { orderId: unique('order-'), idempotencyKey: unique('matrix-') }) }),
    ),
    expect: with_(BRAND_WRITE, { keyWithScope: 'OK' }),
  },
  {
    op: 'Mutation.rollbackRedemption',
    prepare: freshRedemption,
    call: gql(
      `mutation($id: ID!) { rollbackRedemption(redemptionId: $id, reason: "matrix") { id status } }`,
      (_w, p) => ({
        id: p.id,
      }),
    ),
    expect: with_(BRAND_WRITE, { keyWithScope: 'OK' }),
  },
];

/** Stream analytics: the creator's organization and the brands working with it. */
const STREAM_READERS = with_(BRAND_READ, { creator: 'OK' });

export const analyticsRows: MatrixRow[] = [
  {
    op: 'Query.streamTimeline',
    call: gql(`query($s: ID!) { streamTimeline(streamId: $s) { at giftedRoses } }`, (w) => ({
      s: w.streamId,
    })),
    expect: STREAM_READERS,
  },
  {
    op: 'Query.giftSpikes',
    call: gql(`query($s: ID) { giftSpikes(streamId: $s) { startedAt factor } }`, (w) => ({ s: w.streamId })),
    expect: STREAM_READERS,
  },
  {
    op: 'Query.campaignReport',
    call: gql(
      `query($c: ID!) { campaignReport(campaignId: $c) { metrics { claims redemptions } } }`,
      (w) => ({
        c: w.campaignId,
      }),
    ),
    expect: BRAND_READ,
  },
  {
    op: 'Query.agencyOverview',
    call: gql(`query($a: ID!) { agencyOverview(agencyId: $a) { brands { activeCampaigns } } }`, (w) => ({
      a: w.agency.organizationId,
    })),
    expect: {
      owner: 'NOT_FOUND',
      manager: 'NOT_FOUND',
      viewer: 'NOT_FOUND',
      otherTenant: 'NOT_FOUND',
      agencyWithGrant: 'OK',
      agencyWithoutGrant: 'NOT_FOUND',
      creator: 'NOT_FOUND',
      otherCreator: 'NOT_FOUND',
      anonymous: 'UNAUTHENTICATED',
      keyWithScope: 'NOT_FOUND',
      keyWithoutScope: 'NOT_FOUND',
    },
  },
];

/** A notification of the brand's owner: the creator posts on the world's offer. */
async function ownersNotification(w: World): Promise<Prepared> {
  await ok(
    w.api.gql(
      `mutation($id: ID!) { postOfferMessage(offerId: $id, body: "ping") { id } }`,
      { id: w.offerId },
      w.creator.accessToken,
    ),
  );
  const data = await ok(
    w.api.gql(`{ notifications(unreadOnly: true, first: 1) { nodes { id } } }`, {}, w.brand.accessToken),
  );
  return { ids: data.notifications.nodes.map((n: { id: string }) => n.id) };
}

/** Exports are for people of the owning brand (and its granted agency); keys never. */
const EXPORT_READERS = with_(BRAND_READ, { keyWithScope: 'FORBIDDEN', keyWithoutScope: 'FORBIDDEN' });

export const notificationAndExportRows: MatrixRow[] = [
  {
    op: 'Query.notifications',
    call: gql(`{ notifications { totalCount nodes { id message } } }`),
    expect: with_(BRAND_READ, {
      otherTenant: 'OK',
      agencyWithoutGrant: 'OK',
      creator: 'OK',
      otherCreator: 'OK',
      keyWithScope: 'FORBIDDEN',
      keyWithoutScope: 'FORBIDDEN',
    }),
  },
  {
    // Per user: the owner marks its own notification; anyone else's call finds nothing of theirs.
    op: 'Mutation.markNotificationsRead',
    prepare: ownersNotification,
    call: gql(
      `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`,
      (_w, p) => ({ ids: p.ids }),
      (data) => data.markNotificationsRead === 0,
    ),
    expect: {
      owner: 'OK',
      manager: 'NONE',
      viewer: 'NONE',
      otherTenant: 'NONE',
      agencyWithGrant: 'NONE',
      agencyWithoutGrant: 'NONE',
      creator: 'NONE',
      otherCreator: 'NONE',
      anonymous: 'UNAUTHENTICATED',
      keyWithScope: 'FORBIDDEN',
      keyWithoutScope: 'FORBIDDEN',
    },
  },
  {
    op: 'Query.export',
    call: gql(`query($id: ID!) { export(id: $id) { id status rowCount downloadUrl } }`, (w) => ({
      id: w.exportId,
    })),
    expect: EXPORT_READERS,
  },
  {
    op: 'Mutation.exportCouponCodes',
    call: gql(`mutation($p: ID!) { exportCouponCodes(poolId: $p) { id status } }`, (w) => ({ p: w.poolId })),
    expect: EXPORT_READERS,
  },
  {
    op: 'Mutation.exportCampaignReport',
    call: gql(`mutation($c: ID!) { exportCampaignReport(campaignId: $c) { id status } }`, (w) => ({
      c: w.campaignId,
    })),
    expect: EXPORT_READERS,
  },
];
