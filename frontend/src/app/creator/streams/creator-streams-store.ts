import { computed, inject, Injectable, signal } from '@angular/core';
import type { CreatorStreamFieldsFragment, ScheduleStreamInput } from '../../core/graphql/generated';
import {
  CreatorCancelStreamDocument,
  CreatorEndStreamDocument,
  CreatorScheduleStreamDocument,
  CreatorStartStreamDocument,
  CreatorStreamsDocument,
} from './creator-streams.generated';
import { Graphql } from '../../core/graphql/graphql';

export type CreatorStream = CreatorStreamFieldsFragment;
export type CreatorStreamDrop = CreatorStream['drops'][number];
export type StreamAction = 'start' | 'end' | 'cancel';

/** How far back "Past streams" reaches. */
export const PAST_DAYS = 90;
const DAY_MS = 86_400_000;

interface CreatorStreamsState {
  creatorId: string | null;
  loading: boolean;
  error: string | null;
  streams: readonly CreatorStream[];
  /** The action under way per stream id. */
  pending: Readonly<Record<string, StreamAction>>;
}

const startOf = (stream: CreatorStream) => stream.startedAt ?? stream.scheduledStartAt;

/**
 * The creator's streams: live now, upcoming (soonest first) and the past 90 days (newest first), each with
 * the drops brands scheduled in it. Scheduling, going live, ending and cancelling go through here.
 */
@Injectable()
export class CreatorStreamsStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<CreatorStreamsState>({
    creatorId: null,
    loading: false,
    error: null,
    streams: [],
    pending: {},
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly pending = computed(() => this.state().pending);
  readonly live = computed(() => this.byStatus('LIVE').sort((a, b) => startOf(a).localeCompare(startOf(b))));
  readonly upcoming = computed(() =>
    this.byStatus('SCHEDULED').sort((a, b) => a.scheduledStartAt.localeCompare(b.scheduledStartAt)),
  );
  readonly past = computed(() =>
    this.state()
      .streams.filter((s) => s.status === 'ENDED' || s.status === 'CANCELLED')
      .sort((a, b) => (b.endedAt ?? startOf(b)).localeCompare(a.endedAt ?? startOf(a))),
  );
  readonly isEmpty = computed(() => this.state().streams.length === 0);

  async load(creatorId: string): Promise<void> {
    this.state.update((state) => ({ ...state, creatorId, loading: true, error: null }));
    await this.fetch(creatorId);
  }

  /** Reloads without the loading state (after an action, drops may have opened or closed). */
  refresh(): Promise<void> {
    const creatorId = this.state().creatorId;
    return creatorId ? this.fetch(creatorId, true) : Promise.resolve();
  }

  /** Rejects with a GraphqlRequestError (field errors for the form). */
  async schedule(input: Omit<ScheduleStreamInput, 'creatorId'>): Promise<CreatorStream> {
    const creatorId = this.state().creatorId;
    if (!creatorId) throw new Error('CreatorStreamsStore.schedule before load');
    const { scheduleStream } = await this.graphql.mutate(CreatorScheduleStreamDocument, {
      input: { ...input, creatorId },
    });
    this.put(scheduleStream);
    return scheduleStream;
  }

  /** Goes live, ends or cancels a stream; rejects with a GraphqlRequestError when the API refuses. */
  async act(streamId: string, action: StreamAction): Promise<CreatorStream> {
    this.state.update((state) => ({ ...state, pending: { ...state.pending, [streamId]: action } }));
    try {
      const stream = await this.send(streamId, action);
      this.put(stream);
      void this.refresh();
      return stream;
    } finally {
      this.state.update((state) => {
        const { [streamId]: _done, ...pending } = state.pending;
        return { ...state, pending };
      });
    }
  }

  private async send(id: string, action: StreamAction): Promise<CreatorStream> {
    switch (action) {
      case 'start':
        return (await this.graphql.mutate(CreatorStartStreamDocument, { id })).startStream;
      case 'end':
        return (await this.graphql.mutate(CreatorEndStreamDocument, { id })).endStream;
      case 'cancel':
        return (await this.graphql.mutate(CreatorCancelStreamDocument, { id })).cancelStream;
    }
  }

  private byStatus(status: CreatorStream['status']): CreatorStream[] {
    return this.state().streams.filter((s) => s.status === status);
  }

  private put(stream: CreatorStream): void {
    this.state.update((state) => ({
      ...state,
      streams: state.streams.some((s) => s.id === stream.id)
        ? state.streams.map((s) => (s.id === stream.id ? stream : s))
        : [...state.streams, stream],
    }));
  }

  /** A quiet fetch keeps what is shown when it fails. */
  private async fetch(creatorId: string, quiet = false): Promise<void> {
    try {
      const pastSince = new Date(Date.now() - PAST_DAYS * DAY_MS).toISOString();
      const data = await this.graphql.query(CreatorStreamsDocument, { creatorId, pastSince });
      if (this.state().creatorId !== creatorId) return;
      const streams = [data.live, data.upcoming, data.ended, data.cancelled].flatMap((page) => page.nodes);
      this.state.update((state) => ({ ...state, loading: false, error: null, streams }));
    } catch (error) {
      if (this.state().creatorId !== creatorId) return;
      if (quiet && this.state().streams.length) return;
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }
}
