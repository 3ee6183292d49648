import { ok } from '../../support/api';
import { createApiKey, signUp, unique, World } from '../../support/world';
import { BRAND_ADMIN, BRAND_READ, gql, MatrixRow, PEOPLE, Prepared, PUBLIC, with_ } from './matrix';

const GRANT = `mutation($b: ID!, $a: ID!) { grantAgencyAccess(brandId: $b, agencyId: $a) { grantedAt brand { id } agency { id } } }`;
const REVOKE_GRANT = `mutation($b: ID!, $a: ID!) { revokeAgencyAccess(brandId: $b, agencyId: $a) }`;

/** A fresh session of a dedicated account: its refresh token is the credential, whoever presents it. */
async function freshSession(w: World): Promise<Prepared> {
  const account = await signUp(w.api, 'BRAND');
  return { refreshToken: account.refreshToken };
}

export const identityRows: MatrixRow[] = [
  {
    op: 'Query.me',
    call: gql(`{ me { id email memberships { role organization { id } } } }`),
    expect: PEOPLE,
  },
  {
    op: 'Query.organization',
    call: gql(
      `query($id: ID!) { organization(id: $id) { id name managedBrands { id } agencies { id } } }`,
      (w) => ({
        id: w.brand.organizationId,
      }),
    ),
    expect: BRAND_READ,
  },
  {
    op: 'Query.auditLog',
    call: gql(`query($id: ID!) { auditLog(organizationId: $id) { totalCount nodes { action } } }`, (w) => ({
      id: w.brand.organizationId,
    })),
    expect: with_(BRAND_ADMIN, { manager: 'OK' }),
  },
  {
    op: 'Query.apiKeys',
    call: gql(`query($id: ID!) { apiKeys(organizationId: $id) { id prefix } }`, (w) => ({
      id: w.brand.organizationId,
    })),
    expect: BRAND_ADMIN,
  },
  {
    op: 'Mutation.signUp',
    call: gql(`mutation($i: SignUpInput!) { signUp(input: $i) { user { id } } }`, () => ({
      i: {
        email: `${unique('matrix')}@example.com`,
        password: 'correct horse battery',
        displayName: 'Matrix',
        organizationName: unique('matrix-'),
        organizationKind: 'BRAND',
      },
    })),
    expect: PUBLIC,
  },
  {
    op: 'Mutation.logIn',
    prepare: async (w) => {
      const account = await signUp(w.api, 'BRAND');
      return { email: account.email, password: account.password };
    },
    call: gql(
      `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { user { id } } }`,
      (_w, p) => ({
        e: p.email,
        p: p.password,
      }),
    ),
    expect: PUBLIC,
  },
  {
    op: 'Mutation.refreshSession',
    prepare: freshSession,
    call: gql(`mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, (_w, p) => ({
      t: p.refreshToken,
    })),
    expect: PUBLIC,
  },
  {
    op: 'Mutation.logOut',
    prepare: freshSession,
    call: gql(`mutation($t: String!) { logOut(refreshToken: $t) }`, (_w, p) => ({ t: p.refreshToken })),
    expect: PUBLIC,
  },
  {
    // A fresh agency per cell: granting the world's agencies would change who can see the brand.
    op: 'Mutation.grantAgencyAccess',
    prepare: async (w) => ({ agencyId: (await signUp(w.api, 'AGENCY')).organizationId }),
    call: gql(GRANT, (w, p) => ({ b: w.brand.organizationId, a: p.agencyId })),
    expect: BRAND_ADMIN,
  },
  {
    op: 'Mutation.revokeAgencyAccess',
    prepare: async (w) => {
      const agencyId = (await signUp(w.api, 'AGENCY')).organizationId;
      await ok(w.api.gql(GRANT, { b: w.brand.organizationId, a: agencyId }, w.brand.accessToken));
      return { agencyId };
    },
    call: gql(REVOKE_GRANT, (w, p) => ({ b: w.brand.organizationId, a: p.agencyId })),
    expect: BRAND_ADMIN,
  },
  {
    op: 'Mutation.createApiKey',
    call: gql(
      `mutation($org: ID!) { createApiKey(organizationId: $org, name: "matrix", scopes: [EVENTS_WRITE]) { secret apiKey { id } } }`,
      (w) => ({ org: w.brand.organizationId }),
    ),
    expect: BRAND_ADMIN,
  },
  {
    op: 'Mutation.revokeApiKey',
    prepare: async (w) => ({ keyId: (await createApiKey(w.api, w.brand, ['EVENTS_WRITE'])).id }),
    call: gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`, (_w, p) => ({ id: p.keyId })),
    expect: BRAND_ADMIN,
  },
];
