import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { nextOperation } from '../../../testing/graphql-testing';
import { aStreamDrop } from '../creator.fixtures';
import { CreatorDrop, CreatorDropsStore } from './creator-drops-store';

function aDrop(overrides: Partial<CreatorDrop> = {}, creatorId = 'creator-1'): CreatorDrop {
  return {
    ...aStreamDrop(),
    perViewerLimit: 1,
    stream: {
      id: 'stream-1',
      title: 'Weekend special',
      status: 'SCHEDULED',
      scheduledStartAt: '2026-12-05T18:00:00.000Z',
      creator: { id: creatorId },
    },
    ...overrides,
  };
}

describe('CreatorDropsStore', () => {
  it('keeps the drops of the creator’s streams, grouped into open, coming up and finished', async () => {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [CreatorDropsStore] });
    const store = TestBed.inject(CreatorDropsStore);
    const loading = store.load('creator-1');
    (await nextOperation('CreatorDrops')).flushData({
      drops: {
        totalCount: 5,
        nodes: [
          aDrop({ id: 'open', status: 'OPEN', claimedRoses: 120, claimCount: 120 }),
          aDrop({ id: 'later', scheduledAt: '2026-12-06T18:00:00.000Z' }),
          aDrop({ id: 'sooner', scheduledAt: '2026-12-05T18:30:00.000Z' }),
          aDrop({
            id: 'done',
            status: 'COMPLETED',
            claimedRoses: 500,
            claimCount: 480,
            closedAt: '2026-11-20T19:00:00.000Z',
          }),
          aDrop({ id: 'someone-else', status: 'OPEN' }, 'creator-2'), // a brand org the user is also in
        ],
      },
    });
    await loading;

    expect(store.open().map((d) => d.id)).toEqual(['open']);
    expect(store.upcoming().map((d) => d.id)).toEqual(['sooner', 'later']);
    expect(store.finished().map((d) => d.id)).toEqual(['done']);
    expect(store.totals()).toEqual({ roses: 620, claims: 600 });
    TestBed.inject(ApolloTestingController).verify();
  });
});
