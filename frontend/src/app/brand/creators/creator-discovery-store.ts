import { computed, inject, Injectable, signal } from '@angular/core';
import type { CreatorFilter, DiscoveryCreatorFragment } from '../../core/graphql/generated';
import { DiscoverCreatorsDocument } from './creators.generated';
import { Graphql } from '../../core/graphql/graphql';

export type DiscoveryCreator = DiscoveryCreatorFragment;

const PAGE = 24;

interface DiscoveryState {
  filter: CreatorFilter;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  creators: readonly DiscoveryCreator[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** The creator marketplace as a brand searches it: filters, one page at a time. Stale answers are dropped. */
@Injectable()
export class CreatorDiscoveryStore {
  private readonly graphql = inject(Graphql);
  private request = 0;
  private readonly state = signal<DiscoveryState>({
    filter: {},
    loading: false,
    loadingMore: false,
    error: null,
    creators: [],
    totalCount: 0,
    endCursor: null,
    hasNextPage: false,
  });

  readonly loading = computed(() => this.state().loading);
  readonly loadingMore = computed(() => this.state().loadingMore);
  readonly error = computed(() => this.state().error);
  readonly creators = computed(() => this.state().creators);
  readonly totalCount = computed(() => this.state().totalCount);
  readonly hasNextPage = computed(() => this.state().hasNextPage);
  readonly filter = computed(() => this.state().filter);

  async search(filter: CreatorFilter): Promise<void> {
    const request = ++this.request;
    this.state.update((state) => ({ ...state, filter, loading: true, error: null }));
    try {
      const { creators } = await this.graphql.query(DiscoverCreatorsDocument, { filter, first: PAGE });
      if (request !== this.request) return;
      this.state.update((state) => ({
        ...state,
        loading: false,
        creators: creators.nodes,
        totalCount: creators.totalCount,
        endCursor: creators.pageInfo.endCursor,
        hasNextPage: creators.pageInfo.hasNextPage,
      }));
    } catch (error) {
      if (request !== this.request) return;
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  retry(): Promise<void> {
    return this.search(this.state().filter);
  }

  /** Rejects with a GraphqlRequestError for the page to show. */
  async loadMore(): Promise<void> {
    const { filter, endCursor, hasNextPage } = this.state();
    if (!hasNextPage) return;
    const request = this.request;
    this.state.update((state) => ({ ...state, loadingMore: true }));
    try {
      const { creators } = await this.graphql.query(DiscoverCreatorsDocument, {
        filter,
        first: PAGE,
        after: endCursor,
      });
      if (request !== this.request) return;
      this.state.update((state) => ({
        ...state,
        creators: [...state.creators, ...creators.nodes],
        endCursor: creators.pageInfo.endCursor,
        hasNextPage: creators.pageInfo.hasNextPage,
      }));
    } finally {
      this.state.update((state) => ({ ...state, loadingMore: false }));
    }
  }
}
