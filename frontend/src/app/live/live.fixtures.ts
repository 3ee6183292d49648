import type { LiveBucket, LiveDrop } from './live-monitor-store';
import type { LiveMonitorQuery } from '../core/graphql/generated';

/** Test data for the live monitor, shaped like the API's answers. */
export function aLiveDrop(overrides: Partial<LiveDrop> = {}): LiveDrop {
  return {
    id: 'drop-1',
    trigger: 'MANUAL',
    status: 'SCHEDULED',
    roseCount: 500,
    claimedRoses: 0,
    remainingRoses: 500,
    claimCount: 0,
    perViewerLimit: 1,
    scheduledAt: null,
    milestoneRoses: null,
    claimWindowSeconds: 600,
    openedAt: null,
    closedAt: null,
    campaign: { id: 'camp-1', name: 'Spring Glow', brand: { id: 'brand-1', name: 'Bloom Cosmetics' } },
    ...overrides,
  };
}

export function aBucket(at: string, overrides: Partial<LiveBucket> = {}): LiveBucket {
  return { at, giftedRoses: 0, viewers: 0, claims: 0, claimedRoses: 0, redemptions: 0, ...overrides };
}

export function aLiveStream(overrides: Partial<LiveMonitorQuery['stream']> = {}): LiveMonitorQuery['stream'] {
  return {
    id: 'stream-1',
    title: 'Get ready with me',
    status: 'LIVE',
    externalId: 'demo-live-1',
    scheduledStartAt: '2026-11-24T18:00:00.000Z',
    startedAt: '2026-11-24T18:00:00.000Z',
    endedAt: null,
    giftedRoses: 120,
    peakViewers: 80,
    creator: { id: 'creator-1', handle: 'aria_lux', displayName: 'Aria Lux' },
    drops: [aLiveDrop()],
    ...overrides,
  };
}
