import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { graphqlError, nextOperation } from '../../../testing/graphql-testing';
import { AuthStore } from '../auth/auth-store';
import { OrganizationStore } from './organization-store';

const membership = (id: string, kind: 'BRAND' | 'AGENCY' | 'CREATOR') => ({
  role: 'OWNER' as const,
  organization: { id, kind, name: `Org ${id}`, slug: id },
});

describe('OrganizationStore', () => {
  let store: OrganizationStore;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [OrganizationStore] });
    store = TestBed.inject(OrganizationStore);
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  async function load(): Promise<void> {
    const loading = store.load();
    expect(store.loading()).toBe(true);
    (await nextOperation('MyOrganizations')).flushData({
      me: {
        id: 'u1',
        displayName: 'Ana',
        memberships: [membership('a', 'BRAND'), membership('b', 'AGENCY')],
      },
    });
    await loading;
  }

  it('loads the memberships and starts in the first organization', async () => {
    await load();
    expect(store.loading()).toBe(false);
    expect(store.organizations().map((org) => org.id)).toEqual(['a', 'b']);
    expect(store.current()).toMatchObject({ id: 'a', kind: 'BRAND', role: 'OWNER' });
  });

  it('switches organization and remembers the choice', async () => {
    await load();
    store.select('b');
    expect(store.current()?.id).toBe('b');
    expect(localStorage.getItem('bouquet.currentOrganization')).toBe('b');
  });

  it('shares one request between callers, and ensureLoaded does not ask again for the same user', async () => {
    const first = store.load();
    const second = store.ensureLoaded();
    (await nextOperation('MyOrganizations')).flushData({
      me: { id: 'u1', displayName: 'Ana', memberships: [membership('a', 'BRAND')] },
    });
    await Promise.all([first, second]);
    await store.ensureLoaded(); // verify() fails on a second MyOrganizations
    expect(store.current()?.id).toBe('a');
  });

  it('drops the memberships of the user before when another user signs in', async () => {
    const user = signal<{ id: string } | null>({ id: 'u1' });
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [OrganizationStore, { provide: AuthStore, useValue: { user } }],
    });
    store = TestBed.inject(OrganizationStore);
    await load();
    expect(store.organizations()).toHaveLength(2);

    user.set({ id: 'u2' });
    const loading = store.ensureLoaded();
    expect(store.organizations()).toEqual([]); // not even while the new user's load is under way
    (await nextOperation('MyOrganizations')).flushData({
      me: { id: 'u2', displayName: 'Ben', memberships: [membership('c', 'CREATOR')] },
    });
    await loading;
    expect(store.current()?.id).toBe('c');
  });

  it('keeps the error when loading fails', async () => {
    const loading = store.load();
    (await nextOperation('MyOrganizations')).graphqlErrors([graphqlError('INTERNAL_SERVER_ERROR', 'boom')]);
    await loading;
    expect(store.error()).toBe('Something went wrong on our side. Please try again.');
    expect(store.current()).toBeNull();
  });
});
