import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app';

export interface SignedUp {
  userId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
  organizationId: string;
}

const SIGN_UP = `mutation($input: SignUpInput!) {
  signUp(input: $input) { accessToken refreshToken user { id memberships { organization { id } } } }
}`;

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}${counter}${randomBytes(3).toString('hex')}`;
}

/** Signs up a user with a new organization of the kind, through the public API. */
export async function signUp(
  t: TestApp,
  kind: 'BRAND' | 'AGENCY' | 'CREATOR' = 'BRAND',
  overrides: Record<string, unknown> = {},
): Promise<SignedUp> {
  const email = `${unique('user')}@example.com`;
  const password = 'correct horse battery';
  const input = {
    email,
    password,
    displayName: 'Test User',
    organizationName: unique(`${kind.toLowerCase()}-`),
    organizationKind: kind,
    ...(kind === 'CREATOR' ? { creatorHandle: unique('handle_') } : {}),
    ...overrides,
  };
  const res = await t.gql(SIGN_UP, { input });
  if (res.errors) throw new Error(`signUp failed: ${JSON.stringify(res.errors)}`);
  const payload = res.data.signUp;
  return {
    userId: payload.user.id,
    email,
    password,
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
    organizationId: payload.user.memberships[0].organization.id,
  };
}

/** Adds an existing user to an organization with a role (no invitation API exists yet). */
export async function addMember(
  t: TestApp,
  userId: string,
  organizationId: string,
  role: 'OWNER' | 'MANAGER' | 'VIEWER',
) {
  await t.dataSource.query(`INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3)`, [
    userId,
    organizationId,
    role,
  ]);
}

/** Creates an API key through the API and returns its secret. */
export async function createApiKey(
  t: TestApp,
  owner: SignedUp,
  scopes: string[],
  organizationId = owner.organizationId,
) {
  const res = await t.gql(
    `mutation($org: ID!, $scopes: [ApiScope!]!) { createApiKey(organizationId: $org, name: "test", scopes: $scopes) { secret apiKey { id } } }`,
    { org: organizationId, scopes },
    owner.accessToken,
  );
  if (res.errors) throw new Error(`createApiKey failed: ${JSON.stringify(res.errors)}`);
  return { secret: res.data.createApiKey.secret as string, id: res.data.createApiKey.apiKey.id as string };
}

export function errorCode(res: { errors?: { extensions?: { code?: string } }[] }): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}
