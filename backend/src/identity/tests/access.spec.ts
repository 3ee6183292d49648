import { buildWorld, MatrixRow, runMatrix, World } from '../../testing/authz-matrix';
import { errorCode } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';

const ORG = `query($id: ID!) { organization(id: $id) { id name managedBrands { id } agencies { id } } }`;

describe('access policy: identity operations', () => {
  let t: TestApp;
  let world: World;
  beforeAll(async () => {
    t = await startTestApp();
    world = await buildWorld(t);
  });
  afterAll(() => t.close());

  const rows: MatrixRow[] = [
    {
      operation: 'organization(brand)',
      call: (t, w, token) => t.gql(ORG, { id: w.brand.organizationId }, token),
      expect: {
        owner: 'OK',
        manager: 'OK',
        viewer: 'OK',
        otherTenant: 'NOT_FOUND',
        agencyWithGrant: 'OK',
        agencyWithoutGrant: 'NOT_FOUND',
        creator: 'NOT_FOUND',
        anonymous: 'UNAUTHENTICATED',
        keyWithScope: 'OK',
        keyWithoutScope: 'OK',
      },
    },
    {
      operation: 'auditLog(brand)',
      call: (t, w, token) =>
        t.gql(
          `query($id: ID!) { auditLog(organizationId: $id) { totalCount } }`,
          { id: w.brand.organizationId },
          token,
        ),
      expect: {
        owner: 'OK',
        manager: 'OK',
        viewer: 'FORBIDDEN',
        otherTenant: 'NOT_FOUND',
        agencyWithGrant: 'NOT_FOUND',
        agencyWithoutGrant: 'NOT_FOUND',
        creator: 'NOT_FOUND',
        anonymous: 'UNAUTHENTICATED',
        keyWithScope: 'FORBIDDEN',
        keyWithoutScope: 'FORBIDDEN',
      },
    },
    {
      operation: 'apiKeys(brand)',
      call: (t, w, token) =>
        t.gql(
          `query($id: ID!) { apiKeys(organizationId: $id) { id } }`,
          { id: w.brand.organizationId },
          token,
        ),
      expect: {
        owner: 'OK',
        manager: 'FORBIDDEN',
        viewer: 'FORBIDDEN',
        otherTenant: 'NOT_FOUND',
        agencyWithGrant: 'NOT_FOUND',
        agencyWithoutGrant: 'NOT_FOUND',
        creator: 'NOT_FOUND',
        anonymous: 'UNAUTHENTICATED',
        keyWithScope: 'FORBIDDEN',
        keyWithoutScope: 'FORBIDDEN',
      },
    },
    {
      operation: 'grantAgencyAccess(brand, otherAgency)',
      // Granting is idempotent, so the owner's success changes nothing for the other cells.
      call: (t, w, token) =>
        t.gql(
          `mutation($b: ID!, $a: ID!) { grantAgencyAccess(brandId: $b, agencyId: $a) { grantedAt } }`,
          { b: w.brand.organizationId, a: w.agency.organizationId },
          token,
        ),
      expect: {
        owner: 'OK',
        manager: 'FORBIDDEN',
        viewer: 'FORBIDDEN',
        otherTenant: 'NOT_FOUND',
        agencyWithGrant: 'NOT_FOUND',
        agencyWithoutGrant: 'NOT_FOUND',
        creator: 'NOT_FOUND',
        anonymous: 'UNAUTHENTICATED',
        keyWithScope: 'FORBIDDEN',
        keyWithoutScope: 'FORBIDDEN',
      },
    },
  ];

  it('answers every actor as the matrix says, with no data on refusal', async () => {
    expect(await runMatrix(t, world, rows)).toEqual([]);
  });

  it('shows agency relationships to members only, and revocation takes effect at once', async () => {
    const brandView = await t.gql(ORG, { id: world.brand.organizationId }, world.brand.accessToken);
    expect(brandView.data.organization.agencies).toEqual([{ id: world.agency.organizationId }]);
    const agencyView = await t.gql(ORG, { id: world.agency.organizationId }, world.agency.accessToken);
    expect(agencyView.data.organization.managedBrands).toEqual([{ id: world.brand.organizationId }]);
    // The brand can see the agency it granted, but not the agency's other relationships.
    const brandSeesAgency = await t.gql(ORG, { id: world.agency.organizationId }, world.brand.accessToken);
    expect(brandSeesAgency.data.organization.managedBrands).toEqual([]);

    const revoke = await t.gql(
      `mutation($b: ID!, $a: ID!) { revokeAgencyAccess(brandId: $b, agencyId: $a) }`,
      { b: world.brand.organizationId, a: world.agency.organizationId },
      world.brand.accessToken,
    );
    expect(revoke.data.revokeAgencyAccess).toBe(true);
    expect(errorCode(await t.gql(ORG, { id: world.brand.organizationId }, world.agency.accessToken))).toBe(
      'NOT_FOUND',
    );
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_entries WHERE organization_id = $1 ORDER BY seq`,
      [world.brand.organizationId],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['agency.granted', 'api_key.created', 'agency.revoked']),
    );
  });

  it('answers malformed and unknown ids with NOT_FOUND', async () => {
    for (const id of ['nope', '00000000-0000-0000-0000-000000000000', 'x'.repeat(5000)]) {
      expect(errorCode(await t.gql(ORG, { id }, world.brand.accessToken))).toBe('NOT_FOUND');
    }
  });

  it('refuses grants to organizations of the wrong kind', async () => {
    const res = await t.gql(
      `mutation($b: ID!, $a: ID!) { grantAgencyAccess(brandId: $b, agencyId: $a) { grantedAt } }`,
      { b: world.brand.organizationId, a: world.otherBrand.organizationId },
      world.brand.accessToken,
    );
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'agencyId' }],
    });
  });
});
