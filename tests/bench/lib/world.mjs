// Seeds what the benchmarks need through the public GraphQL API, as a brand and a creator would.
import { randomId, sleep } from './common.mjs';

let counter = 0;
const unique = (prefix) => `${prefix}${++counter}${randomId(3)}`;

async function signUp(api, kind) {
  const data = await api.gql(
    `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { memberships { organization { id creator { id } } } } } }`,
    {
      i: {
        email: `${unique('bench')}@example.com`,
        password: 'benchmark password 42',
        displayName: `Bench ${kind.toLowerCase()}`,
        organizationName: unique(`Bench ${kind.toLowerCase()} `),
        organizationKind: kind,
        ...(kind === 'CREATOR' ? { creatorHandle: unique('bench_') } : {}),
      },
    },
  );
  const org = data.signUp.user.memberships[0].organization;
  return { token: data.signUp.accessToken, organizationId: org.id, creatorId: org.creator?.id ?? null };
}

async function apiKey(api, account, scopes) {
  const data = await api.gql(
    `mutation($o: ID!, $s: [ApiScope!]!) { createApiKey(organizationId: $o, name: "bench", scopes: $s) { secret } }`,
    { o: account.organizationId, s: scopes },
    account.token,
  );
  return data.createApiKey.secret;
}

/**
 * A brand with an ACTIVE campaign (USD, rose price 0.01) and a creator whose offer in it is
 * ACCEPTED (fee 0, a large rose allowance); API keys: the brand's for checkout, the creator's for
 * stream events and drop claims.
 */
export async function createWorld(api, { budget = '1000000.00', roseAllowance = 50_000_000 } = {}) {
  const [brand, creator] = await Promise.all([signUp(api, 'BRAND'), signUp(api, 'CREATOR')]);
  const { createCampaign } = await api.gql(
    `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
    {
      i: {
        brandId: brand.organizationId,
        name: unique('Bench campaign '),
        brief: 'Benchmark',
        objective: 'SALES',
        budget: { amount: budget, currency: 'USD' },
      },
    },
    brand.token,
  );
  const campaignId = createCampaign.id;
  await api.gql(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id: campaignId }, brand.token);
  const { sendOffer } = await api.gql(
    `mutation($i: SendOfferInput!) { sendOffer(input: $i) { id } }`,
    {
      i: {
        campaignId,
        creatorId: creator.creatorId,
        terms: {
          fee: { amount: '0.00', currency: 'USD' },
          streamCount: 1000,
          roseAllowance,
          couponDiscountPercent: 10,
        },
      },
    },
    brand.token,
  );
  await api.gql(
    `mutation($id: ID!) { acceptOffer(offerId: $id, expectedVersion: 1) { id } }`,
    { id: sendOffer.id },
    creator.token,
  );
  const [checkoutKey, streamKey] = await Promise.all([
    apiKey(api, brand, ['REDEMPTIONS_WRITE']),
    apiKey(api, creator, ['EVENTS_WRITE', 'DROPS_CLAIM']),
  ]);
  return { api, brand, creator, creatorId: creator.creatorId, campaignId, checkoutKey, streamKey };
}

/** A stream of the world's creator, started (LIVE) unless `live` is false. */
export async function createStream(world, { live = true } = {}) {
  const { api, creator } = world;
  const { scheduleStream } = await api.gql(
    `mutation($i: ScheduleStreamInput!) { scheduleStream(input: $i) { id } }`,
    {
      i: {
        creatorId: world.creatorId,
        title: unique('Bench stream '),
        scheduledStartAt: new Date(Date.now() + 3_600_000).toISOString(),
        externalId: unique('bench-ext-'),
      },
    },
    creator.token,
  );
  if (live)
    await api.gql(
      `mutation($id: ID!) { startStream(id: $id) { id } }`,
      { id: scheduleStream.id },
      creator.token,
    );
  return scheduleStream.id;
}

export async function endStream(world, streamId) {
  await world.api.gql(
    `mutation($id: ID!) { endStream(id: $id) { id } }`,
    { id: streamId },
    world.creator.token,
  );
}

/** Schedules a drop (MANUAL unless `trigger` says otherwise) and opens it when `open`. */
export async function createDrop(world, streamId, { open = false, ...input } = {}) {
  const { api, brand } = world;
  const { scheduleDrop } = await api.gql(
    `mutation($i: ScheduleDropInput!) { scheduleDrop(input: $i) { id } }`,
    {
      i: {
        campaignId: world.campaignId,
        streamId,
        trigger: 'MANUAL',
        roseCount: 100,
        perViewerLimit: 1,
        claimWindowSeconds: 3600,
        ...input,
      },
    },
    brand.token,
  );
  if (open)
    await api.gql(`mutation($id: ID!) { openDrop(id: $id) { id } }`, { id: scheduleDrop.id }, brand.token);
  return scheduleDrop.id;
}

const POOL_STATE = `query($id: ID!) { couponPool(id: $id) { generationStatus generatedCount size } }`;

/** createCouponPool; resolves once its codes exist (polled every `pollMs`), with the time it took. */
export async function createPool(world, { size, codePrefix = '', wait = true, pollMs = 100, ...input }) {
  const { api, brand } = world;
  const t0 = performance.now();
  const { createCouponPool } = await api.gql(
    `mutation($i: CreateCouponPoolInput!) { createCouponPool(input: $i) { id } }`,
    {
      i: {
        campaignId: world.campaignId,
        name: unique('Bench pool '),
        discountType: 'PERCENT',
        discountValue: '10',
        codePrefix,
        codeLength: 10,
        size,
        usageLimitPerCode: 1,
        ...input,
      },
    },
    brand.token,
  );
  const id = createCouponPool.id;
  if (!wait) return { id, ms: null };
  for (;;) {
    const { couponPool } = await api.gql(POOL_STATE, { id }, brand.token);
    if (couponPool.generationStatus === 'DONE') return { id, ms: performance.now() - t0 };
    if (couponPool.generationStatus === 'FAILED') throw new Error(`generation of pool ${id} FAILED`);
    await sleep(pollMs);
  }
}
