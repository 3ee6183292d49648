import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule, type TestOperation } from 'apollo-angular/testing';
import { graphqlError, nextOperation, settle } from '../../testing/graphql-testing';
import { aBucket, aLiveDrop, aLiveStream } from './live.fixtures';
import { LiveMonitorStore, upsertBucket } from './live-monitor-store';

describe('upsertBucket', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 24, 18, minute)).toISOString();

  it('replaces the minute being counted and appends a new one, filling quiet minutes with zeros', () => {
    const start = [aBucket(at(0), { giftedRoses: 5 }), aBucket(at(1), { giftedRoses: 2 })];
    const grown = upsertBucket(start, aBucket(at(1), { giftedRoses: 9 }));
    expect(grown.map((b) => b.giftedRoses)).toEqual([5, 9]);

    const later = upsertBucket(grown, aBucket(at(4), { giftedRoses: 3, viewers: 12 }));
    expect(later.map((b) => [b.at, b.giftedRoses])).toEqual([
      [at(0), 5],
      [at(1), 9],
      [at(2), 0],
      [at(3), 0],
      [at(4), 3],
    ]);
  });

  it('takes the first bucket of an empty timeline', () => {
    expect(upsertBucket([], aBucket(at(7), { viewers: 3 }))).toEqual([aBucket(at(7), { viewers: 3 })]);
  });
});

describe('LiveMonitorStore', () => {
  let store: LiveMonitorStore;
  let controller: ApolloTestingController;
  const minute = (m: number) => new Date(Date.UTC(2026, 10, 24, 18, m)).toISOString();

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [LiveMonitorStore] });
    store = TestBed.inject(LiveMonitorStore);
    controller = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => {
    jest.restoreAllMocks();
    TestBed.resetTestingModule(); // ends the store: its subscriptions and timers stop
    controller.verify();
  });

  const dropSubscription = (dropId: string): TestOperation =>
    controller.expectOne((op) => op.operationName === 'LiveDropUpdated' && op.variables['dropId'] === dropId);

  async function loadLive(drops = [aLiveDrop()]): Promise<void> {
    const loading = store.load('stream-1');
    expect(store.loading()).toBe(true);
    const op = await nextOperation('LiveMonitor');
    expect(op.operation.variables).toEqual({ streamId: 'stream-1' });
    op.flushData({
      stream: aLiveStream({ drops }),
      streamTimeline: [
        aBucket(minute(0), { giftedRoses: 40, viewers: 20 }),
        aBucket(minute(1), { giftedRoses: 10, viewers: 25 }),
      ],
    });
    await loading;
    await settle();
  }

  it('loads the stream, its timeline and drops, then follows streamTick live', async () => {
    await loadLive();
    expect(store.stream()?.title).toBe('Get ready with me');
    expect(store.updates()).toBe('live');
    expect(store.giftedRoses()).toBe(120); // the stream's counter is ahead of the two buckets
    dropSubscription('drop-1');

    const tick = controller.expectOne('LiveStreamTick');
    expect(tick.operation.variables).toEqual({ streamId: 'stream-1' });
    tick.flushData({ streamTick: aBucket(minute(1), { giftedRoses: 95, viewers: 31 }) });
    tick.flushData({ streamTick: aBucket(minute(2), { giftedRoses: 7, viewers: 33 }) });

    expect(store.buckets().map((b) => b.giftedRoses)).toEqual([40, 95, 7]);
    expect(store.current()?.viewers).toBe(33);
    expect(store.peakViewers()).toBe(80);
    expect(store.giftedRoses()).toBe(142);
  });

  it('updates each drop from dropUpdated and measures its claims per second', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse(minute(3)));
    const open = aLiveDrop({
      id: 'drop-open',
      status: 'OPEN',
      openedAt: minute(2),
      claimCount: 100,
      claimedRoses: 100,
      remainingRoses: 400,
    });
    await loadLive([open, aLiveDrop({ id: 'drop-done', status: 'COMPLETED' })]);
    controller.expectOne('LiveStreamTick');
    const updates = dropSubscription('drop-open');
    controller.expectNone(
      (op) => op.operationName === 'LiveDropUpdated' && op.variables['dropId'] === 'drop-done',
    );

    now.mockReturnValue(Date.parse(minute(3)) + 4_000);
    updates.flushData({ dropUpdated: { ...open, claimCount: 160, claimedRoses: 160, remainingRoses: 340 } });

    const drop = store.drops().find((d) => d.id === 'drop-open');
    expect(drop?.remainingRoses).toBe(340);
    expect(store.claims()).toBe(160);
    expect(store.claimRates().get('drop-open')).toBe(15); // 60 claims in 4 s
    expect(store.drops().map((d) => d.id)).toEqual(['drop-open', 'drop-done']);
  });

  it('opens a manual drop and starts following it', async () => {
    await loadLive([aLiveDrop({ id: 'drop-manual' })]);
    controller.expectOne('LiveStreamTick');
    dropSubscription('drop-manual');

    const opening = store.openDrop('drop-manual');
    expect(store.opening().has('drop-manual')).toBe(true);
    const op = await nextOperation('LiveOpenDrop');
    expect(op.operation.variables).toEqual({ id: 'drop-manual' });
    op.flushData({ openDrop: aLiveDrop({ id: 'drop-manual', status: 'OPEN', openedAt: minute(5) }) });
    await opening;

    expect(store.opening().size).toBe(0);
    expect(store.drops()[0].status).toBe('OPEN');
  });

  it('hands the API refusal of an open back to the caller and keeps the drop as it was', async () => {
    await loadLive([aLiveDrop({ id: 'drop-manual' })]);
    controller.expectOne('LiveStreamTick');
    dropSubscription('drop-manual');

    const opening = store.openDrop('drop-manual');
    (await nextOperation('LiveOpenDrop')).graphqlErrors([
      graphqlError('CONFLICT', 'A drop can only open while its stream is LIVE'),
    ]);
    await expect(opening).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(store.drops()[0].status).toBe('SCHEDULED');
    expect(store.opening().size).toBe(0);
  });

  it('stops live updates once a refresh finds the stream ended', async () => {
    await loadLive();
    const tick = controller.expectOne('LiveStreamTick');
    dropSubscription('drop-1');

    const refreshing = store.refresh();
    (await nextOperation('LiveStreamRefresh')).flushData({
      stream: aLiveStream({
        status: 'ENDED',
        endedAt: minute(30),
        drops: [aLiveDrop({ status: 'EXPIRED' })],
      }),
    });
    await refreshing;

    expect(store.isLive()).toBe(false);
    expect(store.updates()).toBe('off');
    expect(store.drops()[0].status).toBe('EXPIRED');
    tick.flushData({ streamTick: aBucket(minute(9), { giftedRoses: 500 }) }); // no longer listened to
    expect(store.buckets()).toHaveLength(2);
  });

  it('does not subscribe for a stream that has not started, and shows the load error', async () => {
    const loading = store.load('stream-2');
    (await nextOperation('LiveMonitor')).flushData({
      stream: aLiveStream({ id: 'stream-2', status: 'SCHEDULED', startedAt: null }),
      streamTimeline: [],
    });
    await loading;
    controller.expectNone('LiveStreamTick');
    expect(store.updates()).toBe('off');

    const failing = store.load('stream-3');
    (await nextOperation('LiveMonitor')).graphqlErrors([graphqlError('NOT_FOUND', 'Stream not found')]);
    await failing;
    expect(store.error()).toBe('Stream not found');
    expect(store.stream()).toBeNull();
  });

  it('says why live numbers are off when the API refuses the subscription', async () => {
    await loadLive();
    dropSubscription('drop-1');
    controller.expectOne('LiveStreamTick').graphqlErrors([graphqlError('NOT_FOUND', 'Stream not found')]);
    await settle();
    expect(store.updates()).toBe('off');
    expect(store.updatesNote()).toContain('Stream not found');
  });

  it('looks for new drops when activity arrives, at most every five seconds', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse(minute(3)));
    await loadLive();
    dropSubscription('drop-1');
    const tick = controller.expectOne('LiveStreamTick');

    tick.flushData({ streamTick: aBucket(minute(3), { giftedRoses: 5 }) });
    controller.expectNone('LiveStreamRefresh'); // just loaded

    now.mockReturnValue(Date.parse(minute(3)) + 6_000);
    tick.flushData({ streamTick: aBucket(minute(3), { giftedRoses: 50 }) });
    const refresh = await nextOperation('LiveStreamRefresh');
    const fresh = aLiveDrop({ id: 'drop-new', status: 'OPEN', openedAt: minute(3), claimCount: 12 });
    refresh.flushData({ stream: aLiveStream({ drops: [aLiveDrop(), fresh] }) });
    await settle();

    expect(store.drops().map((d) => d.id)).toEqual(['drop-new', 'drop-1']);
    dropSubscription('drop-new');
    tick.flushData({ streamTick: aBucket(minute(3), { giftedRoses: 60 }) });
    controller.expectNone('LiveStreamRefresh'); // asked a moment ago
  });

  it('never goes back to older numbers: a stale drop event makes it re-read the drops instead', async () => {
    const open = aLiveDrop({
      id: 'drop-open',
      status: 'OPEN',
      openedAt: minute(2),
      claimCount: 10,
      remainingRoses: 490,
    });
    await loadLive([open]);
    controller.expectOne('LiveStreamTick');
    const updates = dropSubscription('drop-open');
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 2_000); // the last read was a while ago

    updates.flushData({ dropUpdated: { ...open, claimCount: 4, remainingRoses: 496 } }); // older than shown
    expect(store.drops()[0].remainingRoses).toBe(490);
    const refresh = await nextOperation('LiveStreamRefresh');
    refresh.flushData({ stream: aLiveStream({ drops: [{ ...open, claimCount: 25, remainingRoses: 475 }] }) });
    await settle();
    expect(store.drops()[0].remainingRoses).toBe(475);
  });
});
