import type { SignedUp } from '../../testing/factories';
import type { TestApp } from '../../testing/test-app';

export const OFFER_FIELDS = `id status version awaitingResponseFrom currentTerms { fee { amount currency } streamCount roseAllowance couponDiscountPercent }`;

export async function createCampaign(
  t: TestApp,
  brand: SignedUp,
  budget = '1000.00',
  currency = 'USD',
): Promise<string> {
  const res = await t.gql(
    `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
    {
      i: {
        brandId: brand.organizationId,
        name: 'Spring launch',
        brief: 'Roses for spring',
        objective: 'SALES',
        budget: { amount: budget, currency },
      },
    },
    brand.accessToken,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data.createCampaign.id;
}

export async function creatorIdOf(t: TestApp, creator: SignedUp): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT id FROM creators WHERE organization_id = $1`, [
    creator.organizationId,
  ]);
  return row.id;
}

export const terms = (fee = '100.00', overrides: Record<string, unknown> = {}) => ({
  fee: { amount: fee, currency: 'USD' },
  streamCount: 2,
  roseAllowance: 5000,
  couponDiscountPercent: 15,
  ...overrides,
});

export async function sendOffer(
  t: TestApp,
  brand: SignedUp,
  campaignId: string,
  creatorId: string,
  extra: Record<string, unknown> = {},
) {
  return t.gql(
    `mutation($i: SendOfferInput!) { sendOffer(input: $i) { ${OFFER_FIELDS} } }`,
    { i: { campaignId, creatorId, terms: terms(), message: 'Would love to work with you', ...extra } },
    brand.accessToken,
  );
}

export const COUNTER = `mutation($id: ID!, $v: Int!, $t: OfferTermsInput!, $m: String) { counterOffer(offerId: $id, expectedVersion: $v, terms: $t, message: $m) { ${OFFER_FIELDS} } }`;
export const ACCEPT = `mutation($id: ID!, $v: Int!) { acceptOffer(offerId: $id, expectedVersion: $v) { ${OFFER_FIELDS} acceptedAt } }`;
