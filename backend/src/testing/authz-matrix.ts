import { addMember, createApiKey, errorCode, signUp, SignedUp } from './factories';
import type { GqlResult, TestApp } from './test-app';

/** Everyone an operation can be tried as. */
export type ActorName =
  | 'owner'
  | 'manager'
  | 'viewer'
  | 'otherTenant'
  | 'agencyWithGrant'
  | 'agencyWithoutGrant'
  | 'creator'
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
  'anonymous',
  'keyWithScope',
  'keyWithoutScope',
];

/** `OK` or the error code the operation must answer with. */
export type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT';

/**
 * A brand with an owner, a manager and a viewer, another brand, an agency the brand granted, an
 * agency without a grant, a creator, and API keys of the brand with and without a scope.
 */
export interface World {
  brand: SignedUp;
  otherBrand: SignedUp;
  agency: SignedUp;
  otherAgency: SignedUp;
  creator: SignedUp;
  tokens: Record<ActorName, string | undefined>;
}

export async function buildWorld(
  t: TestApp,
  keyScope = 'REDEMPTIONS_WRITE',
  otherScope = 'EVENTS_WRITE',
): Promise<World> {
  const [brand, otherBrand, agency, otherAgency, creator, managerUser, viewerUser] = await Promise.all([
    signUp(t, 'BRAND'),
    signUp(t, 'BRAND'),
    signUp(t, 'AGENCY'),
    signUp(t, 'AGENCY'),
    signUp(t, 'CREATOR'),
    signUp(t, 'BRAND'),
    signUp(t, 'BRAND'),
  ]);
  await addMember(t, managerUser.userId, brand.organizationId, 'MANAGER');
  await addMember(t, viewerUser.userId, brand.organizationId, 'VIEWER');
  const grant = await t.gql(
    `mutation($b: ID!, $a: ID!) { grantAgencyAccess(brandId: $b, agencyId: $a) { grantedAt } }`,
    { b: brand.organizationId, a: agency.organizationId },
    brand.accessToken,
  );
  if (grant.errors) throw new Error(JSON.stringify(grant.errors));
  const withScope = await createApiKey(t, brand, [keyScope]);
  const withoutScope = await createApiKey(t, brand, [otherScope]);
  return {
    brand,
    otherBrand,
    agency,
    otherAgency,
    creator,
    tokens: {
      owner: brand.accessToken,
      manager: managerUser.accessToken,
      viewer: viewerUser.accessToken,
      otherTenant: otherBrand.accessToken,
      agencyWithGrant: agency.accessToken,
      agencyWithoutGrant: otherAgency.accessToken,
      creator: creator.accessToken,
      anonymous: undefined,
      keyWithScope: withScope.secret,
      keyWithoutScope: withoutScope.secret,
    },
  };
}

export function outcomeOf(res: GqlResult): Outcome | string {
  return res.errors ? (errorCode(res) ?? 'UNKNOWN') : 'OK';
}

/** A row of the matrix: how to call the operation, and the expected outcome per actor. */
export interface MatrixRow {
  operation: string;
  call: (t: TestApp, world: World, token: string | undefined) => Promise<GqlResult>;
  expect: Record<ActorName, Outcome>;
  /** Refused calls must leave no data in the answer; checked unless false. */
  dataOnRefusal?: false;
}

/** Runs every row as every actor; returns the cells that differ from the expectation. */
export async function runMatrix(t: TestApp, world: World, rows: MatrixRow[]): Promise<string[]> {
  const mismatches: string[] = [];
  for (const row of rows) {
    for (const actor of ACTORS) {
      const res = await row.call(t, world, world.tokens[actor]);
      const got = outcomeOf(res);
      if (got !== row.expect[actor])
        mismatches.push(`${row.operation} as ${actor}: expected ${row.expect[actor]}, got ${got}`);
      if (got !== 'OK' && res.data && Object.values(res.data).some((v) => v !== null)) {
        mismatches.push(
          `${row.operation} as ${actor}: refused but returned data ${JSON.stringify(res.data)}`,
        );
      }
    }
  }
  return mismatches;
}
