import { computed, inject, Injectable, signal } from '@angular/core';
import { Dec, type Money, roundToCurrency } from '@bouquet/shared';
import type {
  DropSchedulerContextQuery,
  ScheduleDropInput,
  SchedulableStreamsQuery,
} from '../../core/graphql/generated';
import {
  DropSchedulerContextDocument,
  ScheduleBrandDropDocument,
  SchedulableStreamsDocument,
} from './drop-scheduler.generated';
import { Graphql } from '../../core/graphql/graphql';

type Context = DropSchedulerContextQuery;
export type SchedulerCampaign = Context['campaign'];
export type SchedulableStream = SchedulableStreamsQuery['upcoming']['nodes'][number];
export type SchedulerPool = Context['couponPools']['couponPools'][number];

/** A creator with an accepted offer, and how many of the offer's roses are still free for drops. */
export interface DropCreator {
  id: string;
  handle: string;
  displayName: string;
  roseAllowance: number;
  rosesLeft: number;
}

interface SchedulerState {
  loading: boolean;
  error: string | null;
  context: Context | null;
  streamsFor: string | null;
  streamsLoading: boolean;
  streamsError: string | null;
  streams: readonly SchedulableStream[];
  saving: boolean;
}

/** roseCount x price, rounded to the currency like the API does. */
export function dropCost(roseCount: number, unitPrice: Money): Money {
  const count = Number.isInteger(roseCount) && roseCount > 0 ? roseCount : 0;
  return {
    amount: roundToCurrency(new Dec(unitPrice.amount).times(count), unitPrice.currency),
    currency: unitPrice.currency,
  };
}

/**
 * What scheduling a drop needs: the campaign's money and rose price, the creators with accepted offers and
 * their remaining rose allowance (drops not cancelled count against it), their live and upcoming streams,
 * and the campaign's coupon pools. `schedule` rejects with a GraphqlRequestError for the form to show.
 */
@Injectable()
export class DropSchedulerStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<SchedulerState>({
    loading: false,
    error: null,
    context: null,
    streamsFor: null,
    streamsLoading: false,
    streamsError: null,
    streams: [],
    saving: false,
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly campaign = computed(() => this.state().context?.campaign ?? null);
  readonly pools = computed(() =>
    (this.state().context?.couponPools.couponPools ?? []).filter(
      (pool) => pool.generationStatus !== 'FAILED',
    ),
  );
  readonly creators = computed<DropCreator[]>(() => {
    const context = this.state().context;
    if (!context) return [];
    const used = new Map<string, number>();
    for (const drop of context.drops.nodes) {
      if (drop.status === 'CANCELLED') continue;
      const creatorId = drop.stream.creator.id;
      used.set(creatorId, (used.get(creatorId) ?? 0) + drop.roseCount);
    }
    return context.offers.nodes.map(({ creator, currentTerms }) => ({
      id: creator.id,
      handle: creator.handle,
      displayName: creator.displayName,
      roseAllowance: currentTerms.roseAllowance,
      rosesLeft: Math.max(0, currentTerms.roseAllowance - (used.get(creator.id) ?? 0)),
    }));
  });
  readonly streamsFor = computed(() => this.state().streamsFor);
  readonly streamsLoading = computed(() => this.state().streamsLoading);
  readonly streamsError = computed(() => this.state().streamsError);
  readonly streams = computed(() => this.state().streams);
  readonly saving = computed(() => this.state().saving);

  async load(campaignId: string): Promise<void> {
    this.state.update((state) => ({ ...state, loading: true, error: null }));
    try {
      const context = await this.graphql.query(DropSchedulerContextDocument, { campaignId });
      this.state.update((state) => ({ ...state, loading: false, context }));
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  /** The creator's live streams, then upcoming ones soonest first. */
  async loadStreams(creatorId: string): Promise<void> {
    this.state.update((state) => ({
      ...state,
      streamsFor: creatorId,
      streamsLoading: true,
      streamsError: null,
      streams: [],
    }));
    try {
      const { live, upcoming } = await this.graphql.query(SchedulableStreamsDocument, {
        creatorId,
        from: new Date().toISOString(),
      });
      if (this.state().streamsFor !== creatorId) return;
      const soonest = [...upcoming.nodes].sort((a, b) =>
        a.scheduledStartAt.localeCompare(b.scheduledStartAt),
      );
      this.state.update((state) => ({
        ...state,
        streamsLoading: false,
        streams: [...live.nodes, ...soonest],
      }));
    } catch (error) {
      this.state.update((state) => ({
        ...state,
        streamsLoading: false,
        streamsError: (error as Error).message,
      }));
    }
  }

  async schedule(input: ScheduleDropInput): Promise<string> {
    this.state.update((state) => ({ ...state, saving: true }));
    try {
      const { scheduleDrop } = await this.graphql.mutate(ScheduleBrandDropDocument, { input });
      return scheduleDrop.id;
    } finally {
      this.state.update((state) => ({ ...state, saving: false }));
    }
  }
}
