import { computed, inject, Injectable, signal } from '@angular/core';
import type { BrandOffersQuery } from '../../core/graphql/generated';
import { BrandOffersDocument } from './brand-offers.generated';
import { Graphql } from '../../core/graphql/graphql';

export type BrandOffer = BrandOffersQuery['offers']['nodes'][number];

interface OffersState {
  brandId: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  offers: readonly BrandOffer[];
  endCursor: string | null;
  hasNextPage: boolean;
}

/** When an offer last moved: its latest revision, else when it was sent. */
export function lastActivity(offer: BrandOffer): string {
  return offer.revisions.reduce(
    (latest, r) => (r.createdAt > latest ? r.createdAt : latest),
    offer.createdAt,
  );
}

/**
 * The brand's offers across its campaigns, split by whose move it is. The API lists the offers of every
 * organization the user belongs to; only the current brand's are kept.
 */
@Injectable()
export class BrandOffersStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<OffersState>({
    brandId: null,
    loading: false,
    loadingMore: false,
    error: null,
    offers: [],
    endCursor: null,
    hasNextPage: false,
  });

  readonly loading = computed(() => this.state().loading);
  readonly loadingMore = computed(() => this.state().loadingMore);
  readonly error = computed(() => this.state().error);
  readonly hasNextPage = computed(() => this.state().hasNextPage);
  private readonly mine = computed(() =>
    [...this.state().offers]
      .filter((offer) => offer.campaign.brand.id === this.state().brandId)
      .sort((a, b) => lastActivity(b).localeCompare(lastActivity(a))),
  );
  readonly yourMove = computed(() =>
    this.mine().filter((o) => o.status === 'PENDING' && o.awaitingResponseFrom === 'BRAND'),
  );
  readonly waiting = computed(() =>
    this.mine().filter((o) => o.status === 'PENDING' && o.awaitingResponseFrom !== 'BRAND'),
  );
  readonly closed = computed(() => this.mine().filter((o) => o.status !== 'PENDING'));
  readonly total = computed(() => this.mine().length);

  async load(brandId: string): Promise<void> {
    this.state.update((state) => ({ ...state, brandId, loading: true, error: null }));
    try {
      const { offers } = await this.graphql.query(BrandOffersDocument, {});
      this.state.update((state) => ({
        ...state,
        loading: false,
        offers: offers.nodes,
        endCursor: offers.pageInfo.endCursor,
        hasNextPage: offers.pageInfo.hasNextPage,
      }));
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  /** Rejects with a GraphqlRequestError for the page to show. */
  async loadMore(): Promise<void> {
    const { endCursor, hasNextPage } = this.state();
    if (!hasNextPage) return;
    this.state.update((state) => ({ ...state, loadingMore: true }));
    try {
      const { offers } = await this.graphql.query(BrandOffersDocument, { after: endCursor });
      this.state.update((state) => ({
        ...state,
        offers: [...state.offers, ...offers.nodes],
        endCursor: offers.pageInfo.endCursor,
        hasNextPage: offers.pageInfo.hasNextPage,
      }));
    } finally {
      this.state.update((state) => ({ ...state, loadingMore: false }));
    }
  }
}
