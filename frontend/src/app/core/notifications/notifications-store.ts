import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { retry, type Subscription } from 'rxjs';
import type { NotificationFieldsFragment } from '../graphql/generated';
import {
  MarkNotificationsReadDocument,
  NotificationAddedDocument,
  UnreadNotificationsDocument,
} from './notifications.generated';
import { Graphql } from '../graphql/graphql';

export type AppNotification = NotificationFieldsFragment;

/** How many unread notifications the bell lists; the badge counts all of them. */
export const NOTIFICATIONS_SHOWN = 20;

const LISTEN_RETRY_MS = 5000;

interface NotificationsState {
  loading: boolean;
  error: string | null;
  unread: readonly AppNotification[];
  unreadCount: number;
}

/** The user's unread notifications: loaded once, then kept live by `notificationAdded`. */
@Injectable()
export class NotificationsStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<NotificationsState>({
    loading: false,
    error: null,
    unread: [],
    unreadCount: 0,
  });
  private live: Subscription | null = null;

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly unread = computed(() => this.state().unread);
  readonly unreadCount = computed(() => this.state().unreadCount);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.live?.unsubscribe());
  }

  async load(): Promise<void> {
    this.state.update((state) => ({ ...state, loading: true, error: null }));
    try {
      const { notifications } = await this.graphql.query(UnreadNotificationsDocument, {
        first: NOTIFICATIONS_SHOWN,
      });
      this.state.update((state) => ({
        ...state,
        loading: false,
        // Anything that arrived live while loading stays on top.
        unread: dedupe([...state.unread, ...notifications.nodes]),
        unreadCount: Math.max(notifications.totalCount, state.unread.length),
      }));
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  /**
   * Listens for new notifications until the store is destroyed (the user logs out). graphql-ws reconnects
   * dropped sockets itself; an error event ends the subscription, so it subscribes again after a pause.
   */
  listen(): void {
    this.live ??= this.graphql
      .subscribe(NotificationAddedDocument, {})
      .pipe(retry({ delay: LISTEN_RETRY_MS }))
      .subscribe(({ notificationAdded }) => this.add(notificationAdded));
  }

  async markRead(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const before = this.state();
    const gone = new Set(ids);
    // Optimistic: the list updates at once and comes back if the API refuses.
    this.state.update((state) => ({
      ...state,
      error: null,
      unread: state.unread.filter((item) => !gone.has(item.id)),
      unreadCount: Math.max(0, state.unreadCount - state.unread.filter((item) => gone.has(item.id)).length),
    }));
    try {
      await this.graphql.mutate(MarkNotificationsReadDocument, { ids: [...ids] });
    } catch (error) {
      this.state.set({ ...before, error: (error as Error).message });
    }
  }

  markAllRead(): Promise<void> {
    return this.markRead(this.state().unread.map((item) => item.id));
  }

  private add(notification: AppNotification): void {
    this.state.update((state) =>
      state.unread.some((item) => item.id === notification.id)
        ? state
        : {
            ...state,
            unread: [notification, ...state.unread].slice(0, NOTIFICATIONS_SHOWN),
            unreadCount: state.unreadCount + 1,
          },
    );
  }
}

function dedupe(items: readonly AppNotification[]): AppNotification[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id));
}
