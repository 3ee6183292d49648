import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { graphqlError, nextOperation } from '../../../testing/graphql-testing';
import { AgencyAccessStore } from './agency-access-store';

const bloom = { id: 'agency-1', name: 'Bloom Agency', slug: 'bloom' };

describe('AgencyAccessStore', () => {
  let store: AgencyAccessStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [AgencyAccessStore] });
    store = TestBed.inject(AgencyAccessStore);
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  async function loadWith(agencies: (typeof bloom)[]): Promise<void> {
    const loading = store.load('brand-1');
    (await nextOperation('AgencyAccess')).flushData({
      organization: { id: 'brand-1', kind: 'BRAND', agencies, managedBrands: [] },
    });
    await loading;
  }

  it('is loading, then lists the granted agencies', async () => {
    const loading = store.load('brand-1');
    expect(store.loading()).toBe(true);
    (await nextOperation('AgencyAccess')).flushData({
      organization: { id: 'brand-1', kind: 'BRAND', agencies: [bloom], managedBrands: [] },
    });
    await loading;

    expect(store.loading()).toBe(false);
    expect(store.agencies()).toEqual([bloom]);
  });

  it('keeps the error when loading fails', async () => {
    const loading = store.load('brand-1');
    (await nextOperation('AgencyAccess')).networkError(new TypeError('Failed to fetch'));
    await loading;

    expect(store.error()).toBe('Cannot reach Bouquet right now. Check your connection and try again.');
  });

  it('grants and revokes', async () => {
    await loadWith([]);

    const granting = store.grant('agency-1');
    const grant = await nextOperation('GrantAgencyAccess');
    expect(grant.operation.variables).toEqual({ brandId: 'brand-1', agencyId: 'agency-1' });
    grant.flushData({ grantAgencyAccess: { grantedAt: '2026-11-24T00:00:00Z', agency: bloom } });
    await granting;
    expect(store.agencies()).toEqual([bloom]);

    const revoking = store.revoke('agency-1');
    (await nextOperation('RevokeAgencyAccess')).flushData({ revokeAgencyAccess: true });
    await revoking;
    expect(store.agencies()).toEqual([]);
  });

  it('rejects a refused grant with the field errors, and keeps the list', async () => {
    await loadWith([]);
    const granting = store.grant('nope');
    (await nextOperation('GrantAgencyAccess')).graphqlErrors([
      graphqlError('BAD_USER_INPUT', 'No agency has this id', {
        fields: [{ field: 'agencyId', message: 'No agency has this id' }],
      }),
    ]);
    await expect(granting).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'agencyId', message: 'No agency has this id' }],
    });
    expect(store.agencies()).toEqual([]);
  });
});
