import { computed, inject, Injectable, signal } from '@angular/core';
import type { BrandCampaignSummaryFragment, CampaignStatus } from '../../core/graphql/generated';
import { BrandCampaignsDocument } from './campaigns.generated';
import { Graphql } from '../../core/graphql/graphql';

export type CampaignSummary = BrandCampaignSummaryFragment;

const PAGE = 20;

interface CampaignsState {
  brandId: string | null;
  status: CampaignStatus | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  campaigns: readonly CampaignSummary[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** A brand's campaigns, optionally of one status, a page at a time (newest first, as the API lists them). */
@Injectable()
export class CampaignsStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<CampaignsState>({
    brandId: null,
    status: null,
    loading: false,
    loadingMore: false,
    error: null,
    campaigns: [],
    totalCount: 0,
    endCursor: null,
    hasNextPage: false,
  });

  readonly loading = computed(() => this.state().loading);
  readonly loadingMore = computed(() => this.state().loadingMore);
  readonly error = computed(() => this.state().error);
  readonly campaigns = computed(() => this.state().campaigns);
  readonly totalCount = computed(() => this.state().totalCount);
  readonly hasNextPage = computed(() => this.state().hasNextPage);
  readonly status = computed(() => this.state().status);

  async load(brandId: string, status: CampaignStatus | null = this.state().status): Promise<void> {
    this.state.update((state) => ({ ...state, brandId, status, loading: true, error: null }));
    try {
      const { campaigns } = await this.graphql.query(BrandCampaignsDocument, {
        brandId,
        status,
        first: PAGE,
      });
      // A newer load (another filter) may have started meanwhile: keep only the latest answer.
      if (this.state().status !== status || this.state().brandId !== brandId) return;
      this.state.update((state) => ({
        ...state,
        loading: false,
        campaigns: campaigns.nodes,
        totalCount: campaigns.totalCount,
        endCursor: campaigns.pageInfo.endCursor,
        hasNextPage: campaigns.pageInfo.hasNextPage,
      }));
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  filter(status: CampaignStatus | null): Promise<void> {
    const brandId = this.state().brandId;
    return brandId ? this.load(brandId, status) : Promise.resolve();
  }

  /** Appends the next page; rejects with a GraphqlRequestError for the page to show. */
  async loadMore(): Promise<void> {
    const { brandId, status, endCursor } = this.state();
    if (!brandId || !this.state().hasNextPage) return;
    this.state.update((state) => ({ ...state, loadingMore: true }));
    try {
      const { campaigns } = await this.graphql.query(BrandCampaignsDocument, {
        brandId,
        status,
        first: PAGE,
        after: endCursor,
      });
      this.state.update((state) => ({
        ...state,
        campaigns: [...state.campaigns, ...campaigns.nodes],
        endCursor: campaigns.pageInfo.endCursor,
        hasNextPage: campaigns.pageInfo.hasNextPage,
      }));
    } finally {
      this.state.update((state) => ({ ...state, loadingMore: false }));
    }
  }
}
