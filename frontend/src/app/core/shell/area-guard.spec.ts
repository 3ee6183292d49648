import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { graphqlError, nextOperation } from '../../../testing/graphql-testing';
import { OrganizationStore } from '../organizations/organization-store';
import { areaGuard } from './area-guard';

@Component({ template: '' })
class Blank {}

type Kind = 'BRAND' | 'CREATOR' | 'AGENCY';
const membership = (id: string, kind: Kind) => ({
  role: 'OWNER' as const,
  organization: { id, kind, name: `Org ${id}`, slug: id },
});

describe('areaGuard: each area is for organizations of its kind', () => {
  let router: Router;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [
        provideRouter([
          {
            path: 'app',
            providers: [OrganizationStore],
            children: [
              { path: 'brand/campaigns/:id', canMatch: [areaGuard('BRAND')], component: Blank },
              { path: 'creator', canMatch: [areaGuard('CREATOR')], component: Blank },
              { path: 'agency', canMatch: [areaGuard('AGENCY')], component: Blank },
            ],
          },
        ]),
      ],
    });
    router = TestBed.inject(Router);
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  /** Opens a URL as if typed, answers the organizations query, and returns where the user ended up. */
  async function open(url: string, kinds: readonly Kind[]): Promise<string> {
    const navigation = router.navigateByUrl(url);
    (await nextOperation('MyOrganizations')).flushData({
      me: { id: 'u1', displayName: 'Ana', memberships: kinds.map((kind, i) => membership(`o${i}`, kind)) },
    });
    await navigation;
    return router.url;
  }

  it('lets a brand into the brand area', async () => {
    expect(await open('/app/brand/campaigns/c1', ['BRAND'])).toBe('/app/brand/campaigns/c1');
  });

  it('sends a creator who types a brand URL to the creator area', async () => {
    expect(await open('/app/brand/campaigns/c1', ['CREATOR'])).toBe('/app/creator');
  });

  it('sends an agency who types a brand URL to the agency area', async () => {
    expect(await open('/app/brand/campaigns/c1', ['AGENCY'])).toBe('/app/agency');
  });

  it('switches a user with a brand among their organizations to it, and lets them in', async () => {
    expect(await open('/app/brand/campaigns/c1', ['AGENCY', 'BRAND'])).toBe('/app/brand/campaigns/c1');
    expect(localStorage.getItem('bouquet.currentOrganization')).toBe('o1');
  });

  it('loads the organizations once for several navigations', async () => {
    expect(await open('/app/creator', ['CREATOR'])).toBe('/app/creator');
    await router.navigateByUrl('/app/brand/campaigns/c1'); // no second MyOrganizations: verify() checks
    expect(router.url).toBe('/app/creator');
  });

  it('lets the route through when the organizations cannot be loaded (the shell shows the error)', async () => {
    const navigation = router.navigateByUrl('/app/brand/campaigns/c1');
    (await nextOperation('MyOrganizations')).graphqlErrors([graphqlError('INTERNAL_SERVER_ERROR', 'boom')]);
    await navigation;
    expect(router.url).toBe('/app/brand/campaigns/c1');
  });
});
