import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { CreatorOfferFieldsFragment } from '../../core/graphql/generated';
import { CreatorOffersDocument } from './creator-offers.generated';
import { Graphql } from '../../core/graphql/graphql';
import { NotificationsStore } from '../../core/notifications/notifications-store';

export type CreatorOffer = CreatorOfferFieldsFragment;

/** How the inbox groups offers: what needs the creator, what waits on the brand, and what is settled. */
export type OfferBox = 'all' | 'reply' | 'waiting' | 'accepted' | 'closed';

interface UnreadNotification {
  id: string;
  kind: string;
  subjectId: string | null;
}

interface CreatorOffersState {
  creatorId: string | null;
  loading: boolean;
  error: string | null;
  offers: readonly CreatorOffer[];
  totalCount: number;
  /** Unread offer notifications as loaded with the offers. */
  unread: readonly UnreadNotification[];
  /** Notifications marked read from here (live ones included). */
  read: ReadonlySet<string>;
}

/** The newest moment something happened on an offer: sent, countered, messaged or accepted. */
export function lastActivity(offer: CreatorOffer): string {
  return [
    offer.createdAt,
    offer.acceptedAt,
    ...offer.revisions.map((r) => r.createdAt),
    ...offer.messages.map((m) => m.createdAt),
  ]
    .filter((at): at is string => !!at)
    .reduce((latest, at) => (at > latest ? at : latest), offer.createdAt);
}

export function boxOf(offer: CreatorOffer): Exclude<OfferBox, 'all'> {
  if (offer.status === 'ACCEPTED') return 'accepted';
  if (offer.status !== 'PENDING') return 'closed';
  return offer.awaitingResponseFrom === 'CREATOR' ? 'reply' : 'waiting';
}

const isOfferNotification = (n: UnreadNotification): boolean => n.kind.startsWith('offer.') && !!n.subjectId;

/**
 * The creator's offers, newest activity first, with how many unread updates each has. Unread counts come
 * from the user's notifications (loaded with the offers, then live through the shell's notifications);
 * a new offer or a brand's counter arriving live reloads the list.
 */
@Injectable()
export class CreatorOffersStore {
  private readonly graphql = inject(Graphql);
  private readonly notifications = inject(NotificationsStore);
  private readonly state = signal<CreatorOffersState>({
    creatorId: null,
    loading: false,
    error: null,
    offers: [],
    totalCount: 0,
    unread: [],
    read: new Set(),
  });
  /** Live notifications already acted on, so each one reloads the list once. */
  private readonly seenLive = new Set<string>();

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly totalCount = computed(() => this.state().totalCount);
  readonly offers = computed(() =>
    [...this.state().offers].sort((a, b) => lastActivity(b).localeCompare(lastActivity(a))),
  );

  /** Unread offer notification ids per offer id. */
  readonly unreadByOffer = computed(() => {
    const { unread, read } = this.state();
    const byOffer = new Map<string, Set<string>>();
    for (const n of [...unread, ...this.notifications.unread()]) {
      if (!isOfferNotification(n) || read.has(n.id)) continue;
      const ids = byOffer.get(n.subjectId as string) ?? new Set<string>();
      ids.add(n.id);
      byOffer.set(n.subjectId as string, ids);
    }
    return byOffer;
  });

  readonly counts = computed<Record<OfferBox, number>>(() => {
    const counts = { all: 0, reply: 0, waiting: 0, accepted: 0, closed: 0 };
    for (const offer of this.state().offers) {
      counts.all++;
      counts[boxOf(offer)]++;
    }
    return counts;
  });

  constructor() {
    // A live offer notification (new offer, counter, message, expiry) means the list changed: reload it.
    effect(() => {
      const fresh = this.notifications
        .unread()
        .filter((n) => isOfferNotification(n) && !this.seenLive.has(n.id));
      if (fresh.length === 0) return;
      fresh.forEach((n) => this.seenLive.add(n.id));
      untracked(() => {
        const { creatorId, loading } = this.state();
        if (creatorId && !loading) void this.fetch(creatorId, false);
      });
    });
  }

  unreadCount(offerId: string): number {
    return this.unreadByOffer().get(offerId)?.size ?? 0;
  }

  inBox(box: OfferBox): CreatorOffer[] {
    return this.offers().filter((offer) => box === 'all' || boxOf(offer) === box);
  }

  async load(creatorId: string): Promise<void> {
    // Notifications the shell already holds were delivered before this list: they are not news.
    this.notifications.unread().forEach((n) => this.seenLive.add(n.id));
    this.state.update((state) => ({ ...state, creatorId, loading: true, error: null }));
    await this.fetch(creatorId, true);
  }

  /** Marks the offer's updates read (when the creator opens it). Best effort: the badge clears at once. */
  markRead(offerId: string): void {
    const ids = [...(this.unreadByOffer().get(offerId) ?? [])];
    if (ids.length === 0) return;
    this.state.update((state) => ({ ...state, read: new Set([...state.read, ...ids]) }));
    void this.notifications.markRead(ids);
  }

  private async fetch(creatorId: string, showLoading: boolean): Promise<void> {
    try {
      const { offers, notifications } = await this.graphql.query(CreatorOffersDocument, { creatorId });
      if (this.state().creatorId !== creatorId) return;
      this.state.update((state) => ({
        ...state,
        loading: false,
        error: null,
        offers: offers.nodes,
        totalCount: offers.totalCount,
        unread: notifications.nodes.filter(isOfferNotification),
      }));
    } catch (error) {
      if (this.state().creatorId !== creatorId) return;
      this.state.update((state) => ({
        ...state,
        loading: false,
        error: showLoading || state.offers.length === 0 ? (error as Error).message : state.error,
      }));
    }
  }
}
