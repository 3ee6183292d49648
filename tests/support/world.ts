import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Api, ok } from './api';

export type Scope = 'REDEMPTIONS_WRITE' | 'EVENTS_WRITE' | 'DROPS_CLAIM';
export const SCOPES: Scope[] = ['REDEMPTIONS_WRITE', 'EVENTS_WRITE', 'DROPS_CLAIM'];

export interface Account {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  organizationId: string;
}

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}${randomBytes(3).toString('hex')}`;
}

const SIGN_UP = `mutation($input: SignUpInput!) {
  signUp(input: $input) { accessToken refreshToken user { id memberships { organization { id } } } }
}`;

export async function signUp(
  api: Api,
  kind: 'BRAND' | 'AGENCY' | 'CREATOR',
  overrides: Record<string, unknown> = {},
): Promise<Account> {
  const email = `${unique('rel')}@example.com`;
  const password = 'correct horse battery';
  const data = await ok(
    api.gql(SIGN_UP, {
      input: {
        email,
        password,
        displayName: 'Reliability',
        organizationName: unique(`${kind.toLowerCase()}-`),
        organizationKind: kind,
        ...(kind === 'CREATOR' ? { creatorHandle: unique('h_') } : {}),
        ...overrides,
      },
    }),
  );
  return {
    userId: data.signUp.user.id,
    email,
    password,
    accessToken: data.signUp.accessToken,
    refreshToken: data.signUp.refreshToken,
    organizationId: data.signUp.user.memberships[0].organization.id,
  };
}

export async function createApiKey(api: Api, owner: Account, scopes: Scope[]) {
  const data = await ok(
    api.gql(
      `mutation($org: ID!, $scopes: [ApiScope!]!) { createApiKey(organizationId: $org, name: "reliability", scopes: $scopes) { secret apiKey { id } } }`,
      { org: owner.organizationId, scopes },
      owner.accessToken,
    ),
  );
  return { secret: data.createApiKey.secret as string, id: data.createApiKey.apiKey.id as string };
}

export async function creatorIdOf(api: Api, creator: Account): Promise<string> {
  const data = await ok(
    api.gql(`{ me { memberships { organization { id creator { id } } } } }`, {}, creator.accessToken),
  );
  const org = data.me.memberships.find(
    (m: { organization: { id: string } }) => m.organization.id === creator.organizationId,
  );
  return org.organization.creator.id;
}

export const terms = (fee = '10.00', roseAllowance = 1_000_000) => ({
  fee: { amount: fee, currency: 'USD' },
  streamCount: 2,
  roseAllowance,
  couponDiscountPercent: 10,
});

/** Fresh objects of the world's brand and creator, for calls that change what they act on. */
export class WorldFactory {
  constructor(
    readonly api: Api,
    readonly brand: Account,
    readonly creator: Account,
    readonly creatorId: string,
  ) {}

  async campaign(status: 'DRAFT' | 'ACTIVE' = 'ACTIVE', budget = '100000.00'): Promise<string> {
    const data = await ok(
      this.api.gql(
        `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
        {
          i: {
            brandId: this.brand.organizationId,
            name: unique('Campaign '),
            brief: 'Reliability suite',
            objective: 'SALES',
            budget: { amount: budget, currency: 'USD' },
          },
        },
        this.brand.accessToken,
      ),
    );
    const id = data.createCampaign.id as string;
    if (status === 'ACTIVE')
      await ok(
        this.api.gql(`mutation($id: ID!) { launchCampaign(id: $id) { id } }`, { id }, this.brand.accessToken),
      );
    return id;
  }

  /** A PENDING offer from the brand, awaiting the creator's answer; version 1. */
  async offer(campaignId?: string): Promise<string> {
    const data = await ok(
      this.api.gql(
        `mutation($i: SendOfferInput!) { sendOffer(input: $i) { id } }`,
        {
          i: {
            campaignId: campaignId ?? (await this.campaign()),
            creatorId: this.creatorId,
            terms: terms(),
            message: 'Reliability offer',
          },
        },
        this.brand.accessToken,
      ),
    );
    return data.sendOffer.id;
  }

  /** An ACTIVE campaign with an accepted offer to the creator (drops can be scheduled on it). */
  async acceptedCampaign(): Promise<string> {
    const campaignId = await this.campaign();
    const offerId = await this.offer(campaignId);
    await ok(
      this.api.gql(
        `mutation($id: ID!) { acceptOffer(offerId: $id, expectedVersion: 1) { id } }`,
        { id: offerId },
        this.creator.accessToken,
      ),
    );
    return campaignId;
  }

  async stream(live = false): Promise<string> {
    const data = await ok(
      this.api.gql(
        `mutation($i: ScheduleStreamInput!) { scheduleStream(input: $i) { id } }`,
        {
          i: {
            creatorId: this.creatorId,
            title: unique('Stream '),
            scheduledStartAt: new Date(Date.now() + 3_600_000).toISOString(),
            externalId: unique('ext-'),
          },
        },
        this.creator.accessToken,
      ),
    );
    const id = data.scheduleStream.id as string;
    if (live)
      await ok(
        this.api.gql(`mutation($id: ID!) { startStream(id: $id) { id } }`, { id }, this.creator.accessToken),
      );
    return id;
  }

  async drop(
    campaignId: string,
    streamId: string,
    opts: { open?: boolean; roseCount?: number; couponPoolId?: string } = {},
  ): Promise<string> {
    const data = await ok(
      this.api.gql(
        `mutation($i: ScheduleDropInput!) { scheduleDrop(input: $i) { id } }`,
        {
          i: {
            campaignId,
            streamId,
            trigger: 'MANUAL',
            roseCount: opts.roseCount ?? 10,
            perViewerLimit: 1,
            claimWindowSeconds: 3600,
            couponPoolId: opts.couponPoolId,
          },
        },
        this.brand.accessToken,
      ),
    );
    const id = data.scheduleDrop.id as string;
    if (opts.open)
      await ok(
        this.api.gql(`mutation($id: ID!) { openDrop(id: $id) { id } }`, { id }, this.brand.accessToken),
      );
    return id;
  }

  async pool(campaignId: string, size = 5, usageLimitPerCode = 1000): Promise<string> {
    const data = await ok(
      this.api.gql(
        `mutation($i: CreateCouponPoolInput!) { createCouponPool(input: $i) { id } }`,
        {
          i: {
            campaignId,
            name: unique('Pool '),
            discountType: 'PERCENT',
            discountValue: '10',
            size,
            usageLimitPerCode,
          },
        },
        this.brand.accessToken,
      ),
    );
    return data.createCouponPool.id;
  }

  /** Waits until a pool's codes exist (a worker must run) and returns them. */
  async codes(poolId: string, timeoutMs = 30_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const data = await ok(
        this.api.gql(
          `query($id: ID!) { couponPool(id: $id) { generationStatus } couponCodes(poolId: $id, first: 200) { nodes { code } } }`,
          { id: poolId },
          this.brand.accessToken,
        ),
      );
      if (data.couponPool.generationStatus === 'DONE')
        return data.couponCodes.nodes.map((n: { code: string }) => n.code);
      if (data.couponPool.generationStatus === 'FAILED') throw new Error(`generation of ${poolId} failed`);
      if (Date.now() > deadline) throw new Error(`generation of ${poolId} did not finish`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/**
 * Everyone an operation can be tried as. Keys are those of the organization the operation is about
 * (a brand's checkout, a creator's stream bot), with and without the scope the operation names.
 */
export type ActorName =
  | 'owner'
  | 'manager'
  | 'viewer'
  | 'otherTenant'
  | 'agencyWithGrant'
  | 'agencyWithoutGrant'
  | 'creator'
  | 'otherCreator'
  | 'anonymous'
  | 'keyWithScope'
  | 'keyWithoutScope';

export const ACTORS: ActorName[] = [
  'owner',
  'manager',
  'viewer',
  'otherTenant',
  'agencyWithGrant',
  'agencyWithoutGrant',
  'creator',
  'otherCreator',
  'anonymous',
  'keyWithScope',
  'keyWithoutScope',
];

/**
 * A brand (owner, manager, viewer) with an ACTIVE campaign, an accepted offer to a creator, the
 * creator's LIVE stream with an OPEN drop, a coupon pool with codes and a redemption; another brand,
 * an agency the brand granted and one it did not, another creator, and API keys of the brand and of
 * the creator, one per scope.
 */
export interface World {
  api: Api;
  make: WorldFactory;
  brand: Account;
  manager: Account;
  viewer: Account;
  otherBrand: Account;
  agency: Account;
  otherAgency: Account;
  creator: Account;
  otherCreator: Account;
  creatorId: string;
  otherCreatorId: string;
  campaignId: string;
  offerId: string;
  streamId: string;
  streamExternalId: string;
  dropId: string;
  poolId: string;
  codes: string[];
  redemptionId: string;
  /** A finished export of the pool's codes, when the backend has exports (set by the suites that need it). */
  exportId?: string;
  keys: Record<'brand' | 'creator', Record<Scope, { secret: string; id: string }>>;
}

/** Adds an existing user to an organization (there is no invitation API). */
export async function addMember(databaseUrl: string, userId: string, organizationId: string, role: string) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3)`, [
      userId,
      organizationId,
      role,
    ]);
  } finally {
    await client.end();
  }
}

export async function buildWorld(api: Api, databaseUrl: string): Promise<World> {
  const [brand, manager, viewer, otherBrand, agency, otherAgency, creator, otherCreator] = await Promise.all([
    signUp(api, 'BRAND'),
    signUp(api, 'BRAND'),
    signUp(api, 'BRAND'),
    signUp(api, 'BRAND'),
    signUp(api, 'AGENCY'),
    signUp(api, 'AGENCY'),
    signUp(api, 'CREATOR'),
    signUp(api, 'CREATOR'),
  ]);
  await addMember(databaseUrl, manager.userId, brand.organizationId, 'MANAGER');
  await addMember(databaseUrl, viewer.userId, brand.organizationId, 'VIEWER');
  await ok(
    api.gql(
      `mutation($b: ID!, $a: ID!) { grantAgencyAccess(brandId: $b, agencyId: $a) { grantedAt } }`,
      { b: brand.organizationId, a: agency.organizationId },
      brand.accessToken,
    ),
  );
  const [creatorId, otherCreatorId] = await Promise.all([
    creatorIdOf(api, creator),
    creatorIdOf(api, otherCreator),
  ]);
  const make = new WorldFactory(api, brand, creator, creatorId);
  const campaignId = await make.acceptedCampaign();
  const offerId = await make.offer(campaignId);
  const streamId = await make.stream(true);
  const poolId = await make.pool(campaignId);
  const dropId = await make.drop(campaignId, streamId, { open: true, roseCount: 100_000 });
  const keys = { brand: {}, creator: {} } as World['keys'];
  for (const scope of SCOPES) {
    keys.brand[scope] = await createApiKey(api, brand, [scope]);
    keys.creator[scope] = await createApiKey(api, creator, [scope]);
  }
  const codes = await make.codes(poolId);
  const redeemed = await api.http('/v1/redemptions', {
    method: 'POST',
    token: keys.brand.REDEMPTIONS_WRITE.secret,
    headers: { 'Idempotency-Key': unique('world-') },
    json: {
      code: codes[0],
      customerId: 'world-customer',
      orderId: unique('order-'),
      orderAmount: { amount: '50.00', currency: 'USD' },
    },
  });
  if (redeemed.status !== 201) throw new Error(`world redemption: ${redeemed.status} ${redeemed.text}`);
  const stream = await ok(
    api.gql(`query($id: ID!) { stream(id: $id) { externalId } }`, { id: streamId }, creator.accessToken),
  );
  return {
    api,
    make,
    brand,
    manager,
    viewer,
    otherBrand,
    agency,
    otherAgency,
    creator,
    otherCreator,
    creatorId,
    otherCreatorId,
    campaignId,
    offerId,
    streamId,
    streamExternalId: stream.stream.externalId,
    dropId,
    poolId,
    codes,
    redemptionId: redeemed.json.id,
    keys,
  };
}

/** The bearer credential of an actor; keys belong to `keyOrg` and carry (or lack) `scope`. */
export function tokenOf(
  world: World,
  actor: ActorName,
  keyOrg: 'brand' | 'creator' = 'brand',
  scope: Scope = 'REDEMPTIONS_WRITE',
): string | undefined {
  switch (actor) {
    case 'owner':
      return world.brand.accessToken;
    case 'manager':
      return world.manager.accessToken;
    case 'viewer':
      return world.viewer.accessToken;
    case 'otherTenant':
      return world.otherBrand.accessToken;
    case 'agencyWithGrant':
      return world.agency.accessToken;
    case 'agencyWithoutGrant':
      return world.otherAgency.accessToken;
    case 'creator':
      return world.creator.accessToken;
    case 'otherCreator':
      return world.otherCreator.accessToken;
    case 'anonymous':
      return undefined;
    case 'keyWithScope':
      return world.keys[keyOrg][scope].secret;
    case 'keyWithoutScope':
      return world.keys[keyOrg][SCOPES[(SCOPES.indexOf(scope) + 1) % SCOPES.length]].secret;
  }
}
