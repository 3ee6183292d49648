import type { CreatorOffer } from './offers/creator-offers-store';
import type { CreatorStreamDropFieldsFragment } from '../core/graphql/generated';
import type { CreatorStream } from './streams/creator-streams-store';

/** Test data for the creator screens, shaped like the API's answers. */
export function aCreatorOffer(overrides: Partial<CreatorOffer> = {}): CreatorOffer {
  const createdAt = overrides.createdAt ?? '2026-11-20T10:00:00.000Z';
  return {
    id: 'offer-1',
    status: 'PENDING',
    awaitingResponseFrom: 'CREATOR',
    version: 1,
    createdAt,
    expiresAt: null,
    acceptedAt: null,
    currentTerms: {
      fee: { amount: '750.00', currency: 'USD' },
      streamCount: 3,
      roseAllowance: 25000,
      couponDiscountPercent: 25,
    },
    campaign: { id: 'camp-1', name: 'Spring Glow', brand: { id: 'brand-1', name: 'Bloom Cosmetics' } },
    revisions: [{ number: 1, createdAt, proposedBy: 'BRAND' }],
    messages: [],
    ...overrides,
  };
}

export function aStreamDrop(
  overrides: Partial<CreatorStreamDropFieldsFragment> = {},
): CreatorStreamDropFieldsFragment {
  return {
    id: 'drop-1',
    trigger: 'MANUAL',
    status: 'SCHEDULED',
    roseCount: 500,
    claimedRoses: 0,
    remainingRoses: 500,
    claimCount: 0,
    scheduledAt: null,
    milestoneRoses: null,
    claimWindowSeconds: 600,
    openedAt: null,
    closedAt: null,
    campaign: { id: 'camp-1', name: 'Spring Glow', brand: { id: 'brand-1', name: 'Bloom Cosmetics' } },
    ...overrides,
  };
}

export function aCreatorStream(overrides: Partial<CreatorStream> = {}): CreatorStream {
  return {
    id: 'stream-1',
    title: 'Weekend special',
    status: 'SCHEDULED',
    externalId: null,
    scheduledStartAt: '2026-12-05T18:00:00.000Z',
    startedAt: null,
    endedAt: null,
    giftedRoses: 0,
    peakViewers: 0,
    drops: [],
    ...overrides,
  };
}
