import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { nextOperation } from '../../testing/graphql-testing';
import type { LiveNowQuery } from '../core/graphql/generated';
import { LiveNowStore, LiveNowStream } from './live-now-store';

type Drop = LiveNowQuery['drops']['nodes'][number];

const aStream = (id: string, status: LiveNowStream['status'], day = 5): LiveNowStream => ({
  id,
  title: `Stream ${id}`,
  status,
  scheduledStartAt: `2026-12-${String(day).padStart(2, '0')}T18:00:00.000Z`,
  startedAt: status === 'LIVE' ? '2026-11-24T18:00:00.000Z' : null,
  giftedRoses: 10,
  peakViewers: 5,
  creator: { id: 'creator-1', displayName: 'Aria Lux', handle: 'aria_lux' },
});

const aDrop = (id: string, stream: LiveNowStream, brandId = 'brand-1', roseCount = 100): Drop => ({
  id,
  status: 'SCHEDULED',
  roseCount,
  campaign: {
    id: 'c',
    name: 'Spring Glow',
    brand: { id: brandId, name: brandId === 'brand-1' ? 'Bloom' : 'Nova' },
  },
  stream,
});

describe('LiveNowStore', () => {
  let store: LiveNowStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [LiveNowStore] });
    store = TestBed.inject(LiveNowStore);
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  it('shows a brand the streams its drops run in, live and coming up, with its drops summed', async () => {
    const live = aStream('s-live', 'LIVE');
    const later = aStream('s-later', 'SCHEDULED', 12);
    const sooner = aStream('s-soon', 'SCHEDULED', 6);
    const loading = store.load({ id: 'brand-1', kind: 'BRAND' });
    (await nextOperation('LiveNow')).flushData({
      organization: { id: 'brand-1', kind: 'BRAND', creator: null },
      drops: {
        nodes: [
          aDrop('d1', live, 'brand-1', 500),
          aDrop('d2', live, 'brand-1', 1000),
          aDrop('d3', later),
          aDrop('d4', sooner),
          aDrop('d5', aStream('s-other', 'LIVE'), 'brand-2'), // another organization of the user
          aDrop('d6', aStream('s-ended', 'ENDED')),
        ],
      },
    });
    await loading;

    expect(store.live()).toEqual([{ stream: live, drops: { count: 2, roses: 1500, brands: ['Bloom'] } }]);
    expect(store.upcoming().map((w) => w.stream.id)).toEqual(['s-soon', 's-later']);
  });

  it('shows a creator their own live and next streams, with the drops brands put in them', async () => {
    const live = aStream('s-live', 'LIVE');
    const loading = store.load({ id: 'org-c', kind: 'CREATOR' });
    (await nextOperation('LiveNow')).flushData({
      organization: {
        id: 'org-c',
        kind: 'CREATOR',
        creator: {
          id: 'creator-1',
          live: { nodes: [live] },
          upcoming: { nodes: [aStream('s-next', 'SCHEDULED')] },
        },
      },
      drops: { nodes: [aDrop('d1', live, 'brand-1', 300), aDrop('d2', live, 'brand-2', 200)] },
    });
    await loading;

    expect(store.live()).toEqual([
      { stream: live, drops: { count: 2, roses: 500, brands: ['Bloom', 'Nova'] } },
    ]);
    expect(store.upcoming()[0].drops.count).toBe(0);
  });
});
