import { TestBed } from '@angular/core/testing';
import { ApolloTestingController, ApolloTestingModule } from 'apollo-angular/testing';
import { aNotification } from '../../../testing/fixtures';
import { graphqlError, nextOperation } from '../../../testing/graphql-testing';
import { NotificationsStore } from './notifications-store';

describe('NotificationsStore', () => {
  let store: NotificationsStore;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [ApolloTestingModule], providers: [NotificationsStore] });
    store = TestBed.inject(NotificationsStore);
  });

  afterEach(() => TestBed.inject(ApolloTestingController).verify());

  it('is loading, then holds the unread ones and their count', async () => {
    const items = [aNotification(), aNotification()];
    const loading = store.load();
    expect(store.loading()).toBe(true);
    (await nextOperation('UnreadNotifications')).flushData({
      notifications: { totalCount: 7, nodes: items },
    });
    await loading;
    expect(store.loading()).toBe(false);
    expect(store.unread()).toEqual(items);
    expect(store.unreadCount()).toBe(7);
  });

  it('keeps the error when loading fails', async () => {
    const loading = store.load();
    (await nextOperation('UnreadNotifications')).graphqlErrors([graphqlError('FORBIDDEN', 'Nope')]);
    await loading;
    expect(store.error()).toBe('Nope');
  });

  it('adds live notifications on top', async () => {
    const loading = store.load();
    (await nextOperation('UnreadNotifications')).flushData({
      notifications: { totalCount: 1, nodes: [aNotification({ id: 'old' })] },
    });
    await loading;

    store.listen();
    const live = aNotification({ id: 'new', message: 'Your drop went live' });
    (await nextOperation('NotificationAdded')).flushData({ notificationAdded: live });

    expect(store.unread().map((n) => n.id)).toEqual(['new', 'old']);
    expect(store.unreadCount()).toBe(2);
  });

  it('marks read at once, and puts them back when the API refuses', async () => {
    const [a, b] = [aNotification(), aNotification()];
    const loading = store.load();
    (await nextOperation('UnreadNotifications')).flushData({
      notifications: { totalCount: 2, nodes: [a, b] },
    });
    await loading;

    const marking = store.markRead([a.id]);
    expect(store.unread()).toEqual([b]);
    expect(store.unreadCount()).toBe(1);
    const op = await nextOperation('MarkNotificationsRead');
    expect(op.operation.variables).toEqual({ ids: [a.id] });
    op.graphqlErrors([graphqlError('INTERNAL_SERVER_ERROR')]);
    await marking;

    expect(store.unread()).toEqual([a, b]);
    expect(store.unreadCount()).toBe(2);
    expect(store.error()).toBeTruthy();
  });
});
