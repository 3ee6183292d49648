import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { aNotification } from '../../../testing/fixtures';
import { graphqlError, nextOperation, settle } from '../../../testing/graphql-testing';
import { NotificationsStore } from '../../core/notifications/notifications-store';
import { aCreatorOffer } from '../creator.fixtures';
import { CreatorOffersStore } from './creator-offers-store';

describe('CreatorOffersStore', () => {
  let store: CreatorOffersStore;
  let notifications: NotificationsStore;
  let controller: ApolloTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ApolloTestingModule],
      providers: [CreatorOffersStore, NotificationsStore],
    });
    store = TestBed.inject(CreatorOffersStore);
    notifications = TestBed.inject(NotificationsStore);
    controller = TestBed.inject(ApolloTestingController);
  });

  afterEach(() => controller.verify());

  const unread = (id: string, subjectId: string, kind = 'offer.countered') => ({ id, kind, subjectId });

  async function load(offers = [aCreatorOffer()], unreadOnes = [unread('n-1', 'offer-1')]): Promise<void> {
    const loading = store.load('creator-1');
    expect(store.loading()).toBe(true);
    const op = await nextOperation('CreatorOffers');
    expect(op.operation.variables).toEqual({ creatorId: 'creator-1' });
    op.flushData({
      offers: { totalCount: offers.length, nodes: offers },
      notifications: { nodes: unreadOnes },
    });
    await loading;
  }

  it('holds the creator’s offers, latest activity first, sorted into boxes', async () => {
    await load([
      aCreatorOffer({
        id: 'old-accepted',
        status: 'ACCEPTED',
        awaitingResponseFrom: null,
        createdAt: '2026-11-01T00:00:00Z',
      }),
      aCreatorOffer({
        id: 'waiting',
        awaitingResponseFrom: 'BRAND',
        createdAt: '2026-11-02T00:00:00Z',
        messages: [{ id: 'm', createdAt: '2026-11-23T00:00:00Z', party: 'CREATOR' }],
      }),
      aCreatorOffer({ id: 'reply', createdAt: '2026-11-10T00:00:00Z' }),
      aCreatorOffer({
        id: 'gone',
        status: 'WITHDRAWN',
        awaitingResponseFrom: null,
        createdAt: '2026-11-03T00:00:00Z',
      }),
    ]);
    expect(store.loading()).toBe(false);
    expect(store.offers().map((o) => o.id)).toEqual(['waiting', 'reply', 'gone', 'old-accepted']);
    expect(store.counts()).toEqual({ all: 4, reply: 1, waiting: 1, accepted: 1, closed: 1 });
    expect(store.inBox('reply').map((o) => o.id)).toEqual(['reply']);
  });

  it('counts unread updates per offer, ignoring other notifications', async () => {
    await load(
      [aCreatorOffer({ id: 'offer-1' }), aCreatorOffer({ id: 'offer-2' })],
      [
        unread('n-1', 'offer-1'),
        unread('n-2', 'offer-1', 'offer.message'),
        unread('n-3', 'drop-9', 'drop.opened'),
      ],
    );
    expect(store.unreadCount('offer-1')).toBe(2);
    expect(store.unreadCount('offer-2')).toBe(0);
  });

  it('clears an offer’s badge when it is opened and marks its notifications read', async () => {
    await load();
    store.markRead('offer-1');
    expect(store.unreadCount('offer-1')).toBe(0);
    const op = await nextOperation('MarkNotificationsRead');
    expect(op.operation.variables).toEqual({ ids: ['n-1'] });
    op.flushData({ markNotificationsRead: 1 });
  });

  it('reloads when a live notification brings news of an offer', async () => {
    await load([aCreatorOffer({ id: 'offer-1' })], []);
    notifications.listen();
    (await nextOperation('NotificationAdded')).flushData({
      notificationAdded: aNotification({ id: 'n-live', kind: 'offer.sent', subjectId: 'offer-new' }),
    });
    TestBed.tick();
    expect(store.unreadCount('offer-new')).toBe(1);

    const reload = await nextOperation('CreatorOffers');
    reload.flushData({
      offers: {
        totalCount: 2,
        nodes: [aCreatorOffer({ id: 'offer-new' }), aCreatorOffer({ id: 'offer-1' })],
      },
      notifications: { nodes: [unread('n-live', 'offer-new', 'offer.sent')] },
    });
    await settle();
    expect(store.offers().map((o) => o.id)).toContain('offer-new');
    expect(store.unreadCount('offer-new')).toBe(1); // the same notification, counted once
  });

  it('keeps the error when loading fails', async () => {
    const loading = store.load('creator-1');
    (await nextOperation('CreatorOffers')).graphqlErrors([graphqlError('FORBIDDEN', 'Not your creator')]);
    await loading;
    expect(store.error()).toBe('Not your creator');
    expect(store.offers()).toEqual([]);
  });
});
