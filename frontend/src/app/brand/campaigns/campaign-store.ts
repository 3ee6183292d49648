import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type {
  ExportFieldsFragment,
  BrandCouponPoolFieldsFragment,
  BrandCampaignDropsQuery,
  BrandCampaignOffersQuery,
  BrandCampaignPageQuery,
  BrandDropFieldsFragment,
  BrandStreamTimelineQuery,
  CampaignStatus,
} from '../../core/graphql/generated';
import { BrandCampaignPoolsDocument } from '../coupons/coupon-pools.generated';
import {
  BrandCancelCampaignDocument,
  BrandExportCampaignReportDocument,
  BrandCancelDropDocument,
  BrandCampaignDropsDocument,
  BrandCampaignOffersDocument,
  BrandCampaignPageDocument,
  BrandCompleteCampaignDocument,
  BrandLaunchCampaignDocument,
  BrandOpenDropDocument,
  BrandPauseCampaignDocument,
  BrandResumeCampaignDocument,
  BrandStreamTimelineDocument,
} from './campaign.generated';
import { Graphql } from '../../core/graphql/graphql';
import { PAGE_REFRESH_MS, PROGRESS_POLL_MS } from '../../shared-ui/polling';

export type CampaignDetail = BrandCampaignPageQuery['campaign'];
export type CampaignReport = BrandCampaignPageQuery['campaignReport'];
export type CampaignDrop = BrandDropFieldsFragment;
export type CampaignPool = BrandCouponPoolFieldsFragment;
export type TimelineBucket = BrandStreamTimelineQuery['streamTimeline'][number];
export type CampaignAction = 'launch' | 'pause' | 'resume' | 'complete' | 'cancel';

/** A stream the campaign dropped roses in, for the timeline's stream picker. */
export interface CampaignStream {
  id: string;
  title: string;
  status: CampaignDrop['stream']['status'];
  creatorName: string;
  startedAt: string | null;
  scheduledStartAt: string;
}

/** Which actions each status allows (the API's lifecycle table). */
export const ACTIONS_BY_STATUS: Readonly<Record<CampaignStatus, readonly CampaignAction[]>> = {
  DRAFT: ['launch', 'cancel'],
  ACTIVE: ['pause', 'complete', 'cancel'],
  PAUSED: ['resume', 'cancel'],
  COMPLETED: [],
  CANCELLED: [],
};

type Transition = (graphql: Graphql, id: string) => Promise<unknown>;

const MUTATIONS: Readonly<Record<CampaignAction, Transition>> = {
  launch: (graphql, id) => graphql.mutate(BrandLaunchCampaignDocument, { id }),
  pause: (graphql, id) => graphql.mutate(BrandPauseCampaignDocument, { id }),
  resume: (graphql, id) => graphql.mutate(BrandResumeCampaignDocument, { id }),
  complete: (graphql, id) => graphql.mutate(BrandCompleteCampaignDocument, { id }),
  cancel: (graphql, id) => graphql.mutate(BrandCancelCampaignDocument, { id }),
};

interface CampaignState {
  id: string | null;
  loading: boolean;
  error: string | null;
  campaign: CampaignDetail | null;
  report: CampaignReport | null;
  offers: BrandCampaignOffersQuery['offers'] | null;
  drops: BrandCampaignDropsQuery['drops'] | null;
  busy: CampaignAction | null;
  /** Drops being opened or cancelled. */
  dropBusy: readonly string[];
  timelineStreamId: string | null;
  timelineLoading: boolean;
  timelineError: string | null;
  timeline: readonly TimelineBucket[];
}

/**
 * One campaign for its brand: money, metrics, offers, drops and the report, plus the per-minute timeline of
 * one of its streams (the live one first). Actions reject with a GraphqlRequestError for the page to show.
 */
@Injectable()
export class CampaignStore {
  private readonly graphql = inject(Graphql);
  /** Pools generating codes are asked for progress at half the usual pace: this page has much else. */
  private readonly pollMs = inject(PROGRESS_POLL_MS) * 2;
  private poolTimer: ReturnType<typeof setTimeout> | null = null;
  /** KPIs and the timeline move while streams run: re-read them quietly this often while the page is open. */
  private readonly refreshMs = inject(PAGE_REFRESH_MS);
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private readonly state = signal<CampaignState>({
    id: null,
    loading: false,
    error: null,
    campaign: null,
    report: null,
    offers: null,
    drops: null,
    busy: null,
    dropBusy: [],
    timelineStreamId: null,
    timelineLoading: false,
    timelineError: null,
    timeline: [],
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly campaign = computed(() => this.state().campaign);
  readonly report = computed(() => this.state().report);
  readonly busy = computed(() => this.state().busy);
  readonly dropBusy = computed(() => new Set(this.state().dropBusy));
  readonly actions = computed(() => {
    const campaign = this.campaign();
    return campaign ? ACTIONS_BY_STATUS[campaign.status] : [];
  });
  readonly drops = computed(() => this.state().drops?.nodes ?? []);
  readonly dropCount = computed(() => this.state().drops?.totalCount ?? 0);
  readonly offerCount = computed(() => this.state().offers?.totalCount ?? 0);
  readonly pools = computed(() => this.campaign()?.couponPools ?? []);
  readonly offers = computed(() => this.state().offers?.nodes ?? []);

  /** Streams with drops: live first, then most recent first. */
  readonly streams = computed<CampaignStream[]>(() => {
    const byId = new Map<string, CampaignStream>();
    for (const { stream } of this.drops()) {
      byId.set(stream.id, {
        id: stream.id,
        title: stream.title,
        status: stream.status,
        creatorName: stream.creator.displayName,
        startedAt: stream.startedAt,
        scheduledStartAt: stream.scheduledStartAt,
      });
    }
    const when = (s: CampaignStream) => Date.parse(s.startedAt ?? s.scheduledStartAt);
    return [...byId.values()].sort(
      (a, b) => Number(b.status === 'LIVE') - Number(a.status === 'LIVE') || when(b) - when(a),
    );
  });
  /** Streams that have (or had) gifting to chart: not the ones still scheduled or cancelled. */
  readonly chartableStreams = computed(() =>
    this.streams().filter((stream) => stream.status === 'LIVE' || stream.status === 'ENDED'),
  );
  readonly timelineStreamId = computed(() => this.state().timelineStreamId);
  readonly timelineLoading = computed(() => this.state().timelineLoading);
  readonly timelineError = computed(() => this.state().timelineError);
  readonly timeline = computed(() => this.state().timeline);

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      if (this.poolTimer) clearTimeout(this.poolTimer);
      if (this.refreshTimer) clearTimeout(this.refreshTimer);
    });
  }

  async load(id: string): Promise<void> {
    this.state.update((state) => ({ ...state, id, loading: true, error: null }));
    try {
      const page = await this.fetchAll(id);
      this.state.update((state) => ({ ...state, loading: false, ...page }));
      this.watchPools();
      const streamId = this.state().timelineStreamId ?? this.chartableStreams()[0]?.id;
      if (streamId) await this.showTimeline(streamId);
      this.keepFresh();
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  /** Reloads everything quietly (after an action), keeping what is on screen meanwhile. */
  async refresh(): Promise<void> {
    const id = this.state().id;
    if (!id) return;
    try {
      const page = await this.fetchAll(id);
      this.state.update((state) => ({ ...state, ...page }));
      this.watchPools();
    } catch {
      // The page keeps the previous numbers; the next load shows any error.
    }
  }

  /** The campaign with its report, its offers and its drops: three requests side by side. */
  private async fetchAll(id: string) {
    const [{ campaign, campaignReport }, { offers }, { drops }] = await Promise.all([
      this.graphql.query(BrandCampaignPageDocument, { id }),
      this.graphql.query(BrandCampaignOffersDocument, { campaignId: id }),
      this.graphql.query(BrandCampaignDropsDocument, { campaignId: id }),
    ]);
    return { campaign, report: campaignReport, offers, drops };
  }

  /**
   * Every few seconds while the page is open (and visible): the numbers, then the timeline of the stream on
   * screen, quietly, so the chart keeps up with the KPIs. Stops when the page goes.
   */
  private keepFresh(): void {
    if (this.refreshTimer || this.destroyed) return;
    this.refreshTimer = setTimeout(async () => {
      try {
        if (typeof document === 'undefined' || document.visibilityState !== 'hidden') {
          await this.refresh();
          await this.refreshTimeline();
        }
      } finally {
        this.refreshTimer = null;
        this.keepFresh();
      }
    }, this.refreshMs);
  }

  /** Re-reads the timeline on screen (or the first one there is now) without a loading bar. */
  private async refreshTimeline(): Promise<void> {
    const streamId = this.state().timelineStreamId;
    if (!streamId) {
      const first = this.chartableStreams()[0]?.id;
      if (first) await this.showTimeline(first);
      return;
    }
    if (this.state().timelineLoading || this.destroyed) return;
    try {
      const { streamTimeline } = await this.graphql.query(BrandStreamTimelineDocument, {
        streamId,
        bucketSeconds: 60,
      });
      if (this.state().timelineStreamId !== streamId) return;
      this.state.update((state) => ({ ...state, timelineError: null, timeline: streamTimeline }));
    } catch {
      // The chart keeps what it shows; the next round tries again.
    }
  }

  async showTimeline(streamId: string): Promise<void> {
    this.state.update((state) => ({
      ...state,
      timelineStreamId: streamId,
      timelineLoading: true,
      timelineError: null,
    }));
    try {
      const { streamTimeline } = await this.graphql.query(BrandStreamTimelineDocument, {
        streamId,
        bucketSeconds: 60,
      });
      if (this.state().timelineStreamId !== streamId) return;
      this.state.update((state) => ({ ...state, timelineLoading: false, timeline: streamTimeline }));
    } catch (error) {
      this.state.update((state) => ({
        ...state,
        timelineLoading: false,
        timelineError: (error as Error).message,
      }));
    }
  }

  async act(action: CampaignAction): Promise<void> {
    const id = this.state().id;
    if (!id) return;
    this.state.update((state) => ({ ...state, busy: action }));
    try {
      await MUTATIONS[action](this.graphql, id);
      await this.refresh();
    } finally {
      this.state.update((state) => ({ ...state, busy: null }));
    }
  }

  /** Starts a CSV export of the campaign's report (per creator and per drop). */
  async exportReport(): Promise<ExportFieldsFragment> {
    const campaignId = this.state().id;
    if (!campaignId) throw new Error('No campaign loaded');
    const { exportCampaignReport } = await this.graphql.mutate(BrandExportCampaignReportDocument, {
      campaignId,
    });
    return exportCampaignReport;
  }

  openDrop(dropId: string): Promise<void> {
    return this.dropAction(dropId, () =>
      this.graphql.mutate(BrandOpenDropDocument, { id: dropId }).then((data) => data.openDrop),
    );
  }

  cancelDrop(dropId: string): Promise<void> {
    return this.dropAction(dropId, () =>
      this.graphql.mutate(BrandCancelDropDocument, { id: dropId }).then((data) => data.cancelDrop),
    );
  }

  private async dropAction(dropId: string, work: () => Promise<CampaignDrop>): Promise<void> {
    this.state.update((state) => ({ ...state, dropBusy: [...state.dropBusy, dropId] }));
    try {
      const drop = await work();
      this.state.update((state) =>
        state.drops
          ? {
              ...state,
              drops: { ...state.drops, nodes: state.drops.nodes.map((d) => (d.id === drop.id ? drop : d)) },
            }
          : state,
      );
      // Money moved (reserve released or committed): refresh the budget and metrics.
      await this.refresh();
    } finally {
      this.state.update((state) => ({ ...state, dropBusy: state.dropBusy.filter((id) => id !== dropId) }));
    }
  }

  /** While a pool generates its codes, its progress bar moves: ask again every couple of seconds. */
  private watchPools(): void {
    if (this.poolTimer || this.destroyed) return;
    const generating = this.pools().some(
      (pool) => pool.generationStatus === 'PENDING' || pool.generationStatus === 'RUNNING',
    );
    if (!generating) return;
    this.poolTimer = setTimeout(async () => {
      const id = this.state().id;
      try {
        if (!id) return;
        const { campaign } = await this.graphql.query(BrandCampaignPoolsDocument, { campaignId: id });
        this.state.update((state) =>
          state.campaign && state.campaign.id === campaign.id
            ? { ...state, campaign: { ...state.campaign, couponPools: campaign.couponPools } }
            : state,
        );
      } catch {
        // Try again on the next tick; the bars keep their last value.
      } finally {
        this.poolTimer = null;
        this.watchPools();
      }
    }, this.pollMs);
  }
}
