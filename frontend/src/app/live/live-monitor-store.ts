import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { retry, type Subscription, throwError, timer } from 'rxjs';
import type {
  LiveBucketFieldsFragment,
  LiveDropFieldsFragment,
  LiveStreamFieldsFragment,
} from '../core/graphql/generated';
import {
  LiveDropUpdatedDocument,
  LiveMonitorDocument,
  LiveOpenDropDocument,
  LiveStreamRefreshDocument,
  LiveStreamTickDocument,
} from './live.generated';
import { Graphql } from '../core/graphql/graphql';
import { GraphqlRequestError } from '../core/graphql/graphql-error';
import { addSample, type ClaimSample, claimsPerSecond } from './live-rates';

export type LiveStream = Omit<LiveStreamFieldsFragment, 'drops'>;
export type LiveDrop = LiveDropFieldsFragment;
export type LiveBucket = LiveBucketFieldsFragment;
/** Whether live numbers are flowing: `off` once the stream is over, or when the API refuses them. */
export type LiveUpdates = 'off' | 'live' | 'reconnecting';

/** Stream status and the list of drops are re-read this often (new drops, a stream that ends elsewhere). */
export const REFRESH_MS = 15_000;
/** While ticks arrive (something is happening), drops are re-read at most this often: new drops show fast. */
export const BUSY_REFRESH_MS = 5_000;
/** A drop event that brings no new numbers is re-read, at most this often (the query is the truth). */
export const EVENT_REFRESH_MS = 1_000;
/** After a failed subscription, try again after this pause. */
export const RESUBSCRIBE_MS = 5_000;
const MINUTE_MS = 60_000;

interface LiveMonitorState {
  streamId: string | null;
  loading: boolean;
  error: string | null;
  stream: LiveStream | null;
  buckets: readonly LiveBucket[];
  drops: readonly LiveDrop[];
  /** Ids of drops being opened. */
  opening: readonly string[];
  samples: Readonly<Record<string, readonly ClaimSample[]>>;
  updates: LiveUpdates;
  /** Why live numbers are off, when the API said so. */
  updatesNote: string | null;
}

const EMPTY: LiveMonitorState = {
  streamId: null,
  loading: false,
  error: null,
  stream: null,
  buckets: [],
  drops: [],
  opening: [],
  samples: {},
  updates: 'off',
  updatesNote: null,
};

const WATCHED: readonly LiveDrop['status'][] = ['SCHEDULED', 'OPEN'];
const STAGE: Record<LiveDrop['status'], number> = {
  SCHEDULED: 0,
  OPEN: 1,
  COMPLETED: 2,
  CANCELLED: 2,
  EXPIRED: 2,
};

/** Whether a drop's state is ahead of another reading of it (a later stage, or more claims). */
export function isNewer(next: LiveDrop, known: LiveDrop): boolean {
  return (
    STAGE[next.status] > STAGE[known.status] ||
    (next.status === known.status && next.claimCount > known.claimCount)
  );
}

/**
 * Puts a live bucket into the timeline: the current minute is replaced as its counts grow, a new minute is
 * appended (quiet minutes in between filled with zeros, as the API's timeline does).
 */
export function upsertBucket(buckets: readonly LiveBucket[], bucket: LiveBucket): LiveBucket[] {
  const at = Date.parse(bucket.at);
  const index = buckets.findIndex((b) => Date.parse(b.at) === at);
  if (index >= 0) return buckets.map((b, i) => (i === index ? bucket : b));
  const last = buckets[buckets.length - 1];
  if (!last || at < Date.parse(last.at)) {
    return [...buckets, bucket].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }
  const gap: LiveBucket[] = [];
  for (let t = Date.parse(last.at) + MINUTE_MS; t < at; t += MINUTE_MS) {
    gap.push({
      at: new Date(t).toISOString(),
      giftedRoses: 0,
      viewers: 0,
      claims: 0,
      claimedRoses: 0,
      redemptions: 0,
    });
  }
  return [...buckets, ...gap, bucket];
}

/**
 * The live monitor of one stream: its per-minute timeline kept current by `streamTick`, each drop kept
 * current by `dropUpdated` (with claims per second measured here), and "open drop" for MANUAL drops.
 * Subscriptions and timers live while the stream is LIVE (the status is re-read every 15 s) and end with
 * the screen.
 */
@Injectable()
export class LiveMonitorStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<LiveMonitorState>(EMPTY);
  private readonly clock = signal(Date.now());
  private tick: Subscription | null = null;
  private readonly dropSubscriptions = new Map<string, Subscription>();
  private timers: ReturnType<typeof setInterval>[] = [];
  private lastRefresh = 0;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly stream = computed(() => this.state().stream);
  readonly buckets = computed(() => this.state().buckets);
  readonly updates = computed(() => this.state().updates);
  readonly updatesNote = computed(() => this.state().updatesNote);
  readonly opening = computed(() => new Set(this.state().opening));
  readonly now = this.clock.asReadonly();
  readonly isLive = computed(() => this.state().stream?.status === 'LIVE');

  /** Open drops first, then scheduled, then finished; each group oldest first. */
  readonly drops = computed(() => {
    const rank = { OPEN: 0, SCHEDULED: 1, COMPLETED: 2, EXPIRED: 3, CANCELLED: 4 } as const;
    return [...this.state().drops].sort(
      (a, b) =>
        rank[a.status] - rank[b.status] ||
        (a.openedAt ?? a.scheduledAt ?? '').localeCompare(b.openedAt ?? b.scheduledAt ?? ''),
    );
  });

  /** Claims per second of each drop over the last 10 s. */
  readonly claimRates = computed(() => {
    const now = this.clock();
    const rates = new Map<string, number>();
    for (const [id, samples] of Object.entries(this.state().samples))
      rates.set(id, claimsPerSecond(samples, now));
    return rates;
  });

  /** The minute that is being counted now (the last bucket), or null before any. */
  readonly current = computed(() => this.state().buckets.at(-1) ?? null);
  /** Roses gifted during the stream: the stream's own counter, or the timeline if it has counted more since. */
  readonly giftedRoses = computed(() =>
    Math.max(
      this.state().stream?.giftedRoses ?? 0,
      this.state().buckets.reduce((sum, b) => sum + b.giftedRoses, 0),
    ),
  );
  readonly peakViewers = computed(() =>
    Math.max(this.state().stream?.peakViewers ?? 0, ...this.state().buckets.map((b) => b.viewers)),
  );
  readonly claims = computed(() => this.state().drops.reduce((sum, d) => sum + d.claimCount, 0));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopLive());
  }

  async load(streamId: string): Promise<void> {
    this.stopLive();
    this.state.set({ ...EMPTY, streamId, loading: true });
    try {
      const { stream, streamTimeline } = await this.graphql.query(LiveMonitorDocument, { streamId });
      this.lastRefresh = Date.now();
      if (this.state().streamId !== streamId) return;
      const { drops, ...rest } = stream;
      this.state.update((state) => ({ ...state, loading: false, stream: rest, buckets: streamTimeline }));
      this.putDrops(drops);
      this.follow();
    } catch (error) {
      if (this.state().streamId !== streamId) return;
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  /** Re-reads the stream and its drops (quietly: a failure keeps what is shown). */
  async refresh(): Promise<void> {
    const streamId = this.state().streamId;
    if (!streamId) return;
    this.lastRefresh = Date.now();
    try {
      const { stream } = await this.graphql.query(LiveStreamRefreshDocument, { streamId });
      if (this.state().streamId !== streamId) return;
      const { drops, ...rest } = stream;
      this.state.update((state) => ({ ...state, stream: rest }));
      this.putDrops(drops);
      this.follow();
    } catch {
      // The next refresh tries again; live subscriptions keep going meanwhile.
    }
  }

  /** Opens a MANUAL drop now; rejects with a GraphqlRequestError when the API refuses. */
  async openDrop(dropId: string): Promise<LiveDrop> {
    this.state.update((state) => ({ ...state, opening: [...state.opening, dropId] }));
    try {
      const { openDrop } = await this.graphql.mutate(LiveOpenDropDocument, { id: dropId });
      this.putDrops([openDrop], true);
      return openDrop;
    } finally {
      this.state.update((state) => ({ ...state, opening: state.opening.filter((id) => id !== dropId) }));
    }
  }

  /** Starts or stops live updates to match the stream's status. */
  private follow(): void {
    const status = this.state().stream?.status;
    if (status === 'LIVE') this.startLive();
    else if (status === 'SCHEDULED') this.poll();
    else this.stopLive();
    if (status === 'LIVE') this.syncDropSubscriptions();
  }

  /** Waiting for a scheduled stream to go live: re-read its status now and then. */
  private poll(): void {
    if (this.timers.length) return;
    this.timers.push(setInterval(() => void this.refresh(), REFRESH_MS));
  }

  private startLive(): void {
    const streamId = this.state().streamId;
    if (!streamId || this.tick) return;
    this.stopTimers();
    this.timers.push(
      setInterval(() => void this.refresh(), REFRESH_MS),
      setInterval(() => this.clock.set(Date.now()), 1000),
    );
    this.state.update((state) => ({ ...state, updates: 'live', updatesNote: null }));
    this.tick = this.graphql
      .subscribe(LiveStreamTickDocument, { streamId })
      .pipe(this.resubscribe())
      .subscribe({
        next: ({ streamTick }) => {
          this.state.update((state) => ({
            ...state,
            updates: 'live',
            buckets: upsertBucket(state.buckets, streamTick),
          }));
          // Activity may come with drops scheduled or opened meanwhile: look, without asking more than every 5 s.
          if (Date.now() - this.lastRefresh >= BUSY_REFRESH_MS) void this.refresh();
        },
        error: (error: unknown) =>
          this.state.update((state) => ({
            ...state,
            updates: 'off',
            updatesNote: `Live numbers are not available: ${GraphqlRequestError.from(error).message}`,
          })),
      });
  }

  /** Retries a failed subscription after a pause, unless the API refused it for good (access). */
  private resubscribe<T>() {
    return retry<T>({
      delay: (error: unknown) => {
        const code = GraphqlRequestError.from(error).code;
        if (code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'UNAUTHENTICATED')
          return throwError(() => error);
        this.state.update((state) =>
          state.updates === 'off' ? state : { ...state, updates: 'reconnecting' },
        );
        return timer(RESUBSCRIBE_MS);
      },
    });
  }

  private syncDropSubscriptions(): void {
    for (const drop of this.state().drops) {
      const watched = WATCHED.includes(drop.status);
      const subscription = this.dropSubscriptions.get(drop.id);
      if (watched && !subscription) {
        this.dropSubscriptions.set(
          drop.id,
          this.graphql
            .subscribe(LiveDropUpdatedDocument, { dropId: drop.id })
            .pipe(this.resubscribe())
            .subscribe({ next: ({ dropUpdated }) => this.dropEvent(dropUpdated), error: () => undefined }),
        );
      } else if (!watched && subscription) {
        subscription.unsubscribe();
        this.dropSubscriptions.delete(drop.id);
      }
    }
  }

  /**
   * A drop changed. The event normally carries its new numbers; when it carries nothing newer than what is
   * shown (claims only grow and a drop only moves forward, so older numbers are stale), the drops are
   * re-read instead, at most once a second.
   */
  private dropEvent(drop: LiveDrop): void {
    const known = this.state().drops.find((d) => d.id === drop.id);
    if (!known || isNewer(drop, known)) this.putDrops([drop], true);
    else this.refreshSoon();
  }

  private refreshSoon(): void {
    if (this.refreshTimer) return;
    const wait = Math.max(0, this.lastRefresh + EVENT_REFRESH_MS - Date.now());
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refresh();
    }, wait);
  }

  /** Takes in drops from the API; with `partial`, the others are kept (a single drop's update). */
  private putDrops(drops: readonly LiveDrop[], partial = false): void {
    const at = Date.now();
    this.state.update((state) => {
      const byId = new Map(partial ? state.drops.map((d) => [d.id, d] as const) : []);
      for (const drop of drops) byId.set(drop.id, drop);
      const samples = { ...state.samples };
      for (const drop of drops)
        samples[drop.id] = addSample(samples[drop.id] ?? [], { at, claims: drop.claimCount });
      return { ...state, drops: [...byId.values()], samples };
    });
    this.clock.set(at);
    if (partial && this.isLive()) this.syncDropSubscriptions();
  }

  private stopTimers(): void {
    this.timers.forEach((id) => clearInterval(id));
    this.timers = [];
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private stopLive(): void {
    this.stopTimers();
    this.tick?.unsubscribe();
    this.tick = null;
    this.dropSubscriptions.forEach((subscription) => subscription.unsubscribe());
    this.dropSubscriptions.clear();
    this.state.update((state) => (state.updates === 'off' ? state : { ...state, updates: 'off' }));
  }
}
