import type { OfferThreadFieldsFragment, ThreadTermsFieldsFragment } from '../core/graphql/generated';

/** Test data for the negotiation screens (used by specs only). */
export function someTerms(overrides: Partial<ThreadTermsFieldsFragment> = {}): ThreadTermsFieldsFragment {
  return {
    fee: { amount: '1200.00', currency: 'USD' },
    streamCount: 3,
    roseAllowance: 5000,
    couponDiscountPercent: 20,
    deliverables: 'Three streams with a pinned code',
    startsAt: null,
    endsAt: null,
    ...overrides,
  };
}

export function anOffer(overrides: Partial<OfferThreadFieldsFragment> = {}): OfferThreadFieldsFragment {
  const first = someTerms();
  return {
    id: 'offer-1',
    status: 'PENDING',
    version: 1,
    awaitingResponseFrom: 'CREATOR',
    createdAt: '2026-11-20T10:00:00.000Z',
    expiresAt: null,
    acceptedAt: null,
    campaign: {
      id: 'camp-1',
      name: 'Spring Glow',
      status: 'ACTIVE',
      brand: { id: 'brand-1', name: 'Bloom Cosmetics' },
    },
    creator: {
      id: 'creator-1',
      handle: 'aria_lux',
      displayName: 'Aria Lux',
      followerCount: 48200,
      averageViewers: 900,
    },
    currentTerms: first,
    revisions: [
      {
        number: 1,
        createdAt: '2026-11-20T10:00:00.000Z',
        proposedBy: 'BRAND',
        message: 'Hi Aria!',
        terms: first,
      },
    ],
    messages: [
      {
        id: 'm-1',
        body: 'Hi Aria!',
        createdAt: '2026-11-20T10:00:00.500Z',
        party: 'BRAND',
        author: { id: 'u-1', displayName: 'Maya Brooks' },
      },
    ],
    ...overrides,
  };
}

/** The offer after the creator countered with `terms` (revision 2, the brand's turn). */
export function counteredOffer(terms: Partial<ThreadTermsFieldsFragment>): OfferThreadFieldsFragment {
  const base = anOffer();
  const next = someTerms(terms);
  return {
    ...base,
    version: 2,
    awaitingResponseFrom: 'BRAND',
    currentTerms: next,
    revisions: [
      ...base.revisions,
      {
        number: 2,
        createdAt: '2026-11-21T09:00:00.000Z',
        proposedBy: 'CREATOR',
        message: 'A bit more for three streams?',
        terms: next,
      },
    ],
  };
}
