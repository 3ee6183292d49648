import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import type {
  BrandAssignCouponPoolMutation,
  BrandCouponCodesQuery,
  BrandCouponPoolQuery,
  CouponCodeStatus,
  ExportFieldsFragment,
} from '../../core/graphql/generated';
import {
  BrandAssignCouponPoolDocument,
  BrandCouponCodesDocument,
  BrandCouponPoolDocument,
  BrandCouponPoolProgressDocument,
  BrandExportCouponCodesDocument,
} from './coupon-pools.generated';
import { Graphql } from '../../core/graphql/graphql';
import { PROGRESS_POLL_MS } from '../../shared-ui/polling';

export type CouponPoolDetail = BrandCouponPoolQuery['couponPool'];
export type PoolCreator = NonNullable<BrandAssignCouponPoolMutation['assignCouponPool']['creator']>;
export type CouponCodeRow = BrandCouponCodesQuery['couponCodes']['nodes'][number];

const CODES_PAGE = 50;

interface PoolState {
  loading: boolean;
  error: string | null;
  pool: CouponPoolDetail | null;
  codesStatus: CouponCodeStatus | null;
  codesLoading: boolean;
  codesError: string | null;
  codes: readonly CouponCodeRow[];
  codesTotal: number;
  /** Cursor of each page shown so far; [0] is null (the first page). */
  cursors: readonly (string | null)[];
  page: number;
  hasNextPage: boolean;
}

/**
 * One coupon pool: its settings, the generation of its codes followed live until done, and its codes a page
 * at a time (optionally by status).
 */
@Injectable()
export class CouponPoolStore {
  private readonly graphql = inject(Graphql);
  private readonly pollMs = inject(PROGRESS_POLL_MS);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;
  private readonly state = signal<PoolState>({
    loading: false,
    error: null,
    pool: null,
    codesStatus: null,
    codesLoading: false,
    codesError: null,
    codes: [],
    codesTotal: 0,
    cursors: [null],
    page: 0,
    hasNextPage: false,
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly pool = computed(() => this.state().pool);
  readonly generating = computed(() => {
    const status = this.pool()?.generationStatus;
    return status === 'PENDING' || status === 'RUNNING';
  });
  readonly progress = computed(() => {
    const pool = this.pool();
    return pool && pool.size ? Math.min(100, Math.round((pool.generatedCount / pool.size) * 100)) : 0;
  });
  /** Creators with an accepted offer in the pool's campaign: the ones the pool can be assigned to. */
  readonly assignableCreators = computed<readonly PoolCreator[]>(() => {
    const offers = this.pool()?.campaign.offers.nodes ?? [];
    const byId = new Map(offers.map((offer) => [offer.creator.id, offer.creator]));
    return [...byId.values()];
  });
  readonly codesStatus = computed(() => this.state().codesStatus);
  readonly codesLoading = computed(() => this.state().codesLoading);
  readonly codesError = computed(() => this.state().codesError);
  readonly codes = computed(() => this.state().codes);
  readonly codesTotal = computed(() => this.state().codesTotal);
  readonly page = computed(() => this.state().page);
  readonly hasNextPage = computed(() => this.state().hasNextPage);
  readonly pageSize = CODES_PAGE;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      if (this.timer) clearTimeout(this.timer);
    });
  }

  async load(poolId: string): Promise<void> {
    this.state.update((state) => ({ ...state, loading: true, error: null }));
    try {
      const { couponPool } = await this.graphql.query(BrandCouponPoolDocument, { id: poolId });
      this.state.update((state) => ({ ...state, loading: false, pool: couponPool }));
      this.follow();
      await this.loadCodes(0);
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  filterCodes(status: CouponCodeStatus | null): Promise<void> {
    this.state.update((state) => ({ ...state, codesStatus: status, cursors: [null] }));
    return this.loadCodes(0);
  }

  nextPage(): Promise<void> {
    return this.loadCodes(this.state().page + 1);
  }

  previousPage(): Promise<void> {
    return this.loadCodes(Math.max(0, this.state().page - 1));
  }

  async loadCodes(page: number): Promise<void> {
    const pool = this.state().pool;
    if (!pool) return;
    const after = this.state().cursors[page] ?? null;
    this.state.update((state) => ({ ...state, codesLoading: true, codesError: null }));
    try {
      const { couponCodes } = await this.graphql.query(BrandCouponCodesDocument, {
        poolId: pool.id,
        status: this.state().codesStatus,
        first: CODES_PAGE,
        after,
      });
      this.state.update((state) => {
        const cursors = [...state.cursors.slice(0, page + 1)];
        cursors[page + 1] = couponCodes.pageInfo.endCursor;
        return {
          ...state,
          codesLoading: false,
          codes: couponCodes.nodes,
          codesTotal: couponCodes.totalCount,
          page,
          cursors,
          hasNextPage: couponCodes.pageInfo.hasNextPage,
        };
      });
    } catch (error) {
      this.state.update((state) => ({ ...state, codesLoading: false, codesError: (error as Error).message }));
    }
  }

  /**
   * Attributes the pool's future redemptions to a creator (the API refuses one without an accepted offer in
   * the campaign). Rejects with the API's GraphqlRequestError; the pool shows the new creator once done.
   */
  async assign(creatorId: string): Promise<PoolCreator | null> {
    const pool = this.state().pool;
    if (!pool) throw new Error('No pool loaded');
    const { assignCouponPool } = await this.graphql.mutate(BrandAssignCouponPoolDocument, {
      poolId: pool.id,
      creatorId,
    });
    this.state.update((state) =>
      state.pool ? { ...state, pool: { ...state.pool, creator: assignCouponPool.creator } } : state,
    );
    return assignCouponPool.creator;
  }

  /** Starts a CSV export of every code of the pool. */
  async exportCodes(): Promise<ExportFieldsFragment> {
    const pool = this.state().pool;
    if (!pool) throw new Error('No pool loaded');
    const { exportCouponCodes } = await this.graphql.mutate(BrandExportCouponCodesDocument, {
      poolId: pool.id,
    });
    return exportCouponCodes;
  }

  /** While codes are being generated, the progress bar moves; the first page refreshes when done. */
  private follow(): void {
    if (!this.generating() || this.timer || this.destroyed) return;
    this.timer = setTimeout(async () => {
      const pool = this.state().pool;
      try {
        if (!pool) return;
        const { couponPool } = await this.graphql.query(BrandCouponPoolProgressDocument, { id: pool.id });
        this.state.update((state) =>
          state.pool ? { ...state, pool: { ...state.pool, ...couponPool } } : state,
        );
        // The first page fills up as codes arrive, and settles once generation is done.
        const { page, codes } = this.state();
        if (page === 0 && (codes.length < CODES_PAGE || !this.generating())) await this.loadCodes(0);
      } catch {
        // Ask again on the next tick; the bar keeps its last value.
      } finally {
        this.timer = null;
        this.follow();
      }
    }, this.pollMs);
  }
}
