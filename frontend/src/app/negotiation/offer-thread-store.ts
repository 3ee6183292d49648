import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import type {
  OfferTermsInput,
  OfferThreadFieldsFragment,
  Party,
  ThreadMessageFieldsFragment,
} from '../core/graphql/generated';
import {
  AcceptOfferInThreadDocument,
  CounterOfferInThreadDocument,
  DeclineOfferInThreadDocument,
  OfferThreadDocument,
  OfferThreadUpdatedDocument,
  PostMessageInThreadDocument,
  WithdrawOfferInThreadDocument,
} from './offer-thread.generated';
import { Graphql } from '../core/graphql/graphql';
import { GraphqlRequestError } from '../core/graphql/graphql-error';
import { changedTerms, type OfferTerms, type TermKey } from './offer-terms';

export type ThreadOffer = OfferThreadFieldsFragment;
export type ThreadRevision = ThreadOffer['revisions'][number];
export type ThreadMessage = ThreadMessageFieldsFragment;
export type ThreadAction = 'counter' | 'accept' | 'decline' | 'withdraw' | 'message';

/** One step of the negotiation, oldest first: a revision of the terms or a message. */
export type ThreadEntry =
  | {
      kind: 'revision';
      at: string;
      revision: ThreadRevision;
      previous: OfferTerms | null;
      changed: ReadonlySet<TermKey>;
    }
  | { kind: 'message'; at: string; message: ThreadMessage };

interface ThreadState {
  offer: ThreadOffer | null;
  loading: boolean;
  error: string | null;
  busy: ThreadAction | null;
  /** Said once when the offer changed under the user (a live update or a CONFLICT answer). */
  notice: string | null;
}

/** Revisions and messages in the order they happened; a message that repeats its revision's note is left out. */
export function threadEntries(offer: ThreadOffer): ThreadEntry[] {
  const revisions = [...offer.revisions].sort((a, b) => a.number - b.number);
  const entries: ThreadEntry[] = revisions.map((revision, i) => {
    const previous = i > 0 ? revisions[i - 1].terms : null;
    return {
      kind: 'revision',
      at: revision.createdAt,
      revision,
      previous,
      changed: changedTerms(previous, revision.terms),
    };
  });
  const echoes = (message: ThreadMessage) =>
    revisions.some(
      (revision) =>
        revision.message?.trim() === message.body.trim() &&
        revision.proposedBy === message.party &&
        Math.abs(Date.parse(revision.createdAt) - Date.parse(message.createdAt)) < 10_000,
    );
  for (const message of offer.messages) {
    if (!echoes(message)) entries.push({ kind: 'message', at: message.createdAt, message });
  }
  return entries.sort(
    (a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.kind === b.kind ? 0 : a.kind === 'revision' ? -1 : 1),
  );
}

/**
 * One offer's negotiation for whichever side is looking (brand or creator): the offer, kept live through the
 * `offerUpdated` subscription, and the moves on it. Moves send the version the user saw; when the other side
 * moved first the API answers CONFLICT, the store reloads and says so in `notice`, and the move rejects.
 */
@Injectable()
export class OfferThreadStore {
  private readonly graphql = inject(Graphql);
  private live: Subscription | null = null;
  private readonly state = signal<ThreadState>({
    offer: null,
    loading: false,
    error: null,
    busy: null,
    notice: null,
  });

  readonly offer = computed(() => this.state().offer);
  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly busy = computed(() => this.state().busy);
  readonly notice = computed(() => this.state().notice);
  readonly entries = computed(() => {
    const offer = this.offer();
    return offer ? threadEntries(offer) : [];
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.live?.unsubscribe());
  }

  async load(offerId: string): Promise<void> {
    this.state.update((state) => ({ ...state, loading: true, error: null }));
    try {
      const { offer } = await this.graphql.query(OfferThreadDocument, { id: offerId });
      this.state.update((state) => ({ ...state, loading: false, offer }));
      this.follow(offerId);
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  dismissNotice(): void {
    this.state.update((state) => ({ ...state, notice: null }));
  }

  /** Whose move it is, from `party`'s point of view. */
  isTurnOf(party: Party): boolean {
    const offer = this.offer();
    return offer?.status === 'PENDING' && offer.awaitingResponseFrom === party;
  }

  counter(terms: OfferTermsInput, message: string | null, expectedVersion: number): Promise<void> {
    return this.move('counter', (offerId) =>
      this.graphql
        .mutate(CounterOfferInThreadDocument, { offerId, expectedVersion, terms, message })
        .then((data) => data.counterOffer),
    );
  }

  accept(): Promise<void> {
    const expectedVersion = this.offer()?.version ?? 0;
    return this.move('accept', (offerId) =>
      this.graphql
        .mutate(AcceptOfferInThreadDocument, { offerId, expectedVersion })
        .then((data) => data.acceptOffer),
    );
  }

  decline(reason: string | null): Promise<void> {
    return this.move('decline', (offerId) =>
      this.graphql
        .mutate(DeclineOfferInThreadDocument, { offerId, reason })
        .then((data) => data.declineOffer),
    );
  }

  withdraw(): Promise<void> {
    return this.move('withdraw', (offerId) =>
      this.graphql.mutate(WithdrawOfferInThreadDocument, { offerId }).then((data) => data.withdrawOffer),
    );
  }

  async postMessage(body: string): Promise<void> {
    const offerId = this.offer()?.id;
    if (!offerId) return;
    this.state.update((state) => ({ ...state, busy: 'message' }));
    try {
      const { postOfferMessage } = await this.graphql.mutate(PostMessageInThreadDocument, { offerId, body });
      this.state.update((state) =>
        state.offer && !state.offer.messages.some((m) => m.id === postOfferMessage.id)
          ? { ...state, offer: { ...state.offer, messages: [...state.offer.messages, postOfferMessage] } }
          : state,
      );
    } finally {
      this.state.update((state) => ({ ...state, busy: null }));
    }
  }

  private async move(action: ThreadAction, send: (offerId: string) => Promise<ThreadOffer>): Promise<void> {
    const offerId = this.offer()?.id;
    if (!offerId) return;
    this.state.update((state) => ({ ...state, busy: action, notice: null }));
    try {
      const offer = await send(offerId);
      this.state.update((state) => ({ ...state, offer }));
    } catch (error) {
      const failure = GraphqlRequestError.from(error);
      if (failure.code === 'CONFLICT') {
        await this.refresh(offerId);
        this.state.update((state) => ({
          ...state,
          notice: failure.message.startsWith('The offer is')
            ? `${failure.message}.`
            : 'The offer changed before your move reached it. Here is the latest version: review it and try again.',
        }));
      }
      throw failure;
    } finally {
      this.state.update((state) => ({ ...state, busy: null }));
    }
  }

  private async refresh(offerId: string): Promise<void> {
    try {
      const { offer } = await this.graphql.query(OfferThreadDocument, { id: offerId });
      this.state.update((state) => ({ ...state, offer }));
    } catch {
      // The notice still tells the user to reload; the old offer stays on screen.
    }
  }

  /** Live changes by the other side (or another tab) replace the offer; a newer version says so. */
  private follow(offerId: string): void {
    this.live?.unsubscribe();
    this.live = this.graphql.subscribe(OfferThreadUpdatedDocument, { offerId }).subscribe({
      next: ({ offerUpdated }) =>
        this.state.update((state) => {
          if (state.offer && offerUpdated.version < state.offer.version) return state;
          const moved = !!state.offer && offerUpdated.version > state.offer.version && state.busy === null;
          return {
            ...state,
            offer: offerUpdated,
            notice: moved ? 'The offer was just updated.' : state.notice,
          };
        }),
      // graphql-ws retries on its own; a failed subscription leaves the page working without live updates.
      error: () => undefined,
    });
  }
}
