import type { BrandRow } from './overview/agency-overview-store';
import type { AgencyCampaign } from './brand/agency-brand-store';
import type { CampaignReport } from './report/agency-report-store';

const usd = (amount: string) => ({ amount, currency: 'USD' });

/** Test data for the agency screens, shaped like the API's answers. */
export function aBrandRow(
  id: string,
  name: string,
  spend: string,
  revenue: string,
  roi: number | null,
): BrandRow {
  return { brand: { id, name }, activeCampaigns: 1, spend: usd(spend), attributedRevenue: usd(revenue), roi };
}

export function anAgencyCampaign(overrides: Partial<AgencyCampaign> = {}): AgencyCampaign {
  return {
    id: 'camp-1',
    name: 'Spring Glow',
    status: 'ACTIVE',
    objective: 'SALES',
    startsAt: null,
    endsAt: null,
    budget: usd('25000.00'),
    spent: usd('1500.00'),
    reserved: usd('500.00'),
    remaining: usd('23000.00'),
    metrics: {
      spend: usd('1500.00'),
      attributedRevenue: usd('4200.00'),
      roi: 1.8,
      redemptions: 42,
      claims: 300,
    },
    ...overrides,
  };
}

export function aCampaignReport(): CampaignReport {
  const metrics = (spend: string, revenue: string, roi: number | null) => ({
    spend: usd(spend),
    attributedRevenue: usd(revenue),
    roi,
    redemptions: 21,
    claims: 160,
  });
  return {
    campaign: {
      id: 'camp-1',
      name: 'Spring Glow',
      brief: 'Launch the palette',
      status: 'ACTIVE',
      objective: 'SALES',
      startsAt: null,
      endsAt: null,
      brand: { id: 'b-1', name: 'Bloom Cosmetics' },
      budget: usd('25000.00'),
      spent: usd('2100.00'),
      reserved: usd('500.00'),
      remaining: usd('22400.00'),
    },
    metrics: {
      spend: usd('2100.00'),
      creatorFees: usd('1500.00'),
      dropCost: usd('600.00'),
      attributedRevenue: usd('4200.00'),
      costPerRedemption: usd('50.00'),
      rosesDropped: 1000,
      claims: 320,
      uniqueViewers: 300,
      giftedRoses: 5400,
      redemptions: 42,
      roi: 1,
      roas: 2,
      claimConversion: 0.13125,
    },
    byCreator: [
      {
        creator: { id: 'cr-1', displayName: 'Aria Lux', handle: 'aria_lux' },
        metrics: metrics('1050.00', '1200.00', 0.14),
      },
      {
        creator: { id: 'cr-2', displayName: 'Ben Tides', handle: 'ben_tides' },
        metrics: metrics('1050.00', '3000.00', 1.86),
      },
    ],
    byDrop: [
      {
        drop: {
          id: 'd-1',
          status: 'OPEN',
          trigger: 'MANUAL',
          roseCount: 500,
          claimedRoses: 320,
          openedAt: '2026-11-24T18:05:00.000Z',
          scheduledAt: null,
          stream: { id: 's-1', title: 'Get ready with me', creator: { id: 'cr-1', displayName: 'Aria Lux' } },
        },
        claims: 320,
        uniqueViewers: 300,
        redemptions: 42,
        attributedRevenue: usd('4200.00'),
      },
    ],
    spikes: [],
  };
}
