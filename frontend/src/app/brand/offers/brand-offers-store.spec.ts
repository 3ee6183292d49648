import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { nextOperation } from '../../../testing/graphql-testing';
import type { BrandOffer } from './brand-offers-store';
import { BrandOffersStore } from './brand-offers-store';

let n = 0;
function anOffer(overrides: Partial<BrandOffer> & { brandId?: string; lastRevisionAt?: string }): BrandOffer {
  const { brandId = 'brand-1', lastRevisionAt = '2026-11-20T10:00:00Z', ...rest } = overrides;
  return {
    id: `offer-${++n}`,
    status: 'PENDING',
    version: 1,
    awaitingResponseFrom: 'CREATOR',
    createdAt: '2026-11-20T10:00:00Z',
    expiresAt: null,
    acceptedAt: null,
    campaign: { id: 'camp-1', name: 'Spring Glow', brand: { id: brandId } },
    creator: { id: 'c', handle: 'aria_lux', displayName: 'Aria Lux' },
    currentTerms: { streamCount: 3, roseAllowance: 5000, fee: { amount: '600.00', currency: 'USD' } },
    revisions: [{ number: 1, createdAt: lastRevisionAt, proposedBy: 'BRAND' }],
    ...rest,
  };
}

describe('BrandOffersStore', () => {
  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  it("sorts the current brand's offers by whose move it is, latest activity first", async () => {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [BrandOffersStore] });
    const store = TestBed.inject(BrandOffersStore);
    const older = anOffer({ awaitingResponseFrom: 'BRAND', lastRevisionAt: '2026-11-21T09:00:00Z' });
    const newer = anOffer({ awaitingResponseFrom: 'BRAND', lastRevisionAt: '2026-11-22T09:00:00Z' });
    const waiting = anOffer({});
    const accepted = anOffer({ status: 'ACCEPTED', awaitingResponseFrom: null });
    const otherBrand = anOffer({ brandId: 'brand-2', awaitingResponseFrom: 'BRAND' });
    const loading = store.load('brand-1');
    (await nextOperation('BrandOffers')).flushData({
      offers: {
        totalCount: 5,
        pageInfo: { endCursor: null, hasNextPage: false },
        nodes: [older, waiting, otherBrand, accepted, newer],
      },
    });
    await loading;
    expect(store.yourMove().map((o) => o.id)).toEqual([newer.id, older.id]);
    expect(store.waiting().map((o) => o.id)).toEqual([waiting.id]);
    expect(store.closed().map((o) => o.id)).toEqual([accepted.id]);
    expect(store.total()).toBe(4);
  });
});
