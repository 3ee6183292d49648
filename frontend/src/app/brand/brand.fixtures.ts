import type {
  BrandCampaignPageQuery,
  BrandCampaignSummaryFragment,
  BrandDropFieldsFragment,
  DropSchedulerContextQuery,
} from '../core/graphql/generated';

/** Test data for the brand screens (used by specs only). */
export const usd = (amount: string) => ({ amount, currency: 'USD' });

export function aCampaignSummary(
  overrides: Partial<BrandCampaignSummaryFragment> = {},
): BrandCampaignSummaryFragment {
  return {
    id: 'camp-1',
    name: 'Spring Glow',
    status: 'ACTIVE',
    objective: 'SALES',
    startsAt: '2026-11-01T00:00:00.000Z',
    endsAt: '2026-12-31T00:00:00.000Z',
    createdAt: '2026-10-20T00:00:00.000Z',
    budget: usd('25000.00'),
    spent: usd('1500.00'),
    reserved: usd('500.00'),
    remaining: usd('23000.00'),
    metrics: {
      roi: 3.48,
      redemptions: 77,
      spend: usd('1500.00'),
      attributedRevenue: usd('6720.00'),
    },
    ...overrides,
  };
}

export function aDrop(overrides: Partial<BrandDropFieldsFragment> = {}): BrandDropFieldsFragment {
  return {
    id: 'drop-1',
    status: 'SCHEDULED',
    trigger: 'MANUAL',
    roseCount: 500,
    claimedRoses: 0,
    remainingRoses: 500,
    claimCount: 0,
    perViewerLimit: 1,
    scheduledAt: null,
    milestoneRoses: null,
    claimWindowSeconds: 120,
    openedAt: null,
    closedAt: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    cost: usd('5.00'),
    couponPool: null,
    stream: {
      id: 'stream-1',
      title: 'Get ready with me',
      status: 'LIVE',
      scheduledStartAt: '2026-11-20T20:00:00.000Z',
      startedAt: '2026-11-20T20:00:00.000Z',
      endedAt: null,
      creator: { id: 'creator-1', handle: 'aria_lux', displayName: 'Aria Lux' },
    },
    ...overrides,
  };
}

export function aCampaignPage(): BrandCampaignPageQuery {
  const summary = aCampaignSummary();
  return {
    campaign: {
      ...summary,
      brief: 'Launch the palette with live rose drops.',
      updatedAt: '2026-11-20T10:00:00.000Z',
      roseUnitPrice: usd('0.01'),
      metrics: {
        spend: usd('1500.00'),
        attributedRevenue: usd('6720.00'),
        creatorFees: usd('1497.60'),
        dropCost: usd('2.40'),
        costPerRedemption: usd('19.48'),
        redemptions: 77,
        claims: 270,
        claimConversion: 0.285,
        rosesDropped: 240,
        giftedRoses: 1156,
        uniqueViewers: 210,
        roi: 3.48,
        roas: 4.48,
      },
      couponPools: [],
    },
    campaignReport: { byCreator: [], byDrop: [], spikes: [] },
  };
}

export function aSchedulerContext(): DropSchedulerContextQuery {
  return {
    campaign: {
      id: 'camp-1',
      name: 'Spring Glow',
      status: 'ACTIVE',
      budget: usd('1000.00'),
      spent: usd('750.00'),
      reserved: usd('0.00'),
      remaining: usd('250.00'),
      roseUnitPrice: usd('0.10'),
    },
    offers: {
      nodes: [
        {
          id: 'offer-1',
          creator: { id: 'creator-1', handle: 'aria_lux', displayName: 'Aria Lux' },
          currentTerms: { roseAllowance: 3000 },
        },
      ],
    },
    drops: {
      totalCount: 2,
      nodes: [
        { id: 'd1', status: 'COMPLETED', roseCount: 500, stream: { id: 's0', creator: { id: 'creator-1' } } },
        { id: 'd2', status: 'CANCELLED', roseCount: 900, stream: { id: 's0', creator: { id: 'creator-1' } } },
      ],
    },
    couponPools: { id: 'camp-1', couponPools: [] },
  };
}
