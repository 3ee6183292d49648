import { computed, inject, Injectable, signal } from '@angular/core';
import type { CreatorDropsQuery } from '../../core/graphql/generated';
import { CreatorDropsDocument } from './creator-drops.generated';
import { Graphql } from '../../core/graphql/graphql';

export type CreatorDrop = CreatorDropsQuery['drops']['nodes'][number];

interface CreatorDropsState {
  creatorId: string | null;
  loading: boolean;
  error: string | null;
  drops: readonly CreatorDrop[];
}

const FINISHED: readonly CreatorDrop['status'][] = ['COMPLETED', 'EXPIRED', 'CANCELLED'];

/** Drops brands scheduled in the creator's streams: open now, coming up, and finished. */
@Injectable()
export class CreatorDropsStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<CreatorDropsState>({
    creatorId: null,
    loading: false,
    error: null,
    drops: [],
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly isEmpty = computed(() => this.state().drops.length === 0);
  readonly open = computed(() => this.state().drops.filter((d) => d.status === 'OPEN'));
  /** Scheduled drops, in the order their streams start. */
  readonly upcoming = computed(() =>
    this.state()
      .drops.filter((d) => d.status === 'SCHEDULED')
      .sort((a, b) =>
        (a.scheduledAt ?? a.stream.scheduledStartAt).localeCompare(
          b.scheduledAt ?? b.stream.scheduledStartAt,
        ),
      ),
  );
  /** Finished drops, most recent first. */
  readonly finished = computed(() =>
    this.state()
      .drops.filter((d) => FINISHED.includes(d.status))
      .sort((a, b) =>
        (b.closedAt ?? b.stream.scheduledStartAt).localeCompare(a.closedAt ?? a.stream.scheduledStartAt),
      ),
  );
  /** Roses your viewers claimed and how many claims, over every drop shown. */
  readonly totals = computed(() =>
    this.state().drops.reduce(
      (sum, d) => ({ roses: sum.roses + d.claimedRoses, claims: sum.claims + d.claimCount }),
      { roses: 0, claims: 0 },
    ),
  );

  async load(creatorId: string): Promise<void> {
    this.state.update((state) => ({ ...state, creatorId, loading: true, error: null }));
    try {
      const { drops } = await this.graphql.query(CreatorDropsDocument, {});
      if (this.state().creatorId !== creatorId) return;
      this.state.update((state) => ({
        ...state,
        loading: false,
        // A user in several organizations sees every drop it may; this screen is about this creator's streams.
        drops: drops.nodes.filter((d) => d.stream.creator.id === creatorId),
      }));
    } catch (error) {
      if (this.state().creatorId !== creatorId) return;
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }
}
