import { computed, inject, Injectable, signal } from '@angular/core';
import type { AgencyCampaignFieldsFragment } from '../../core/graphql/generated';
import {
  AgencyBrandCampaignsDocument,
  AgencyPauseCampaignDocument,
  AgencyResumeCampaignDocument,
} from './agency-brand.generated';
import { Graphql } from '../../core/graphql/graphql';

export type AgencyCampaign = AgencyCampaignFieldsFragment;
export type CampaignMove = 'pause' | 'resume';

const STATUS_ORDER: Record<AgencyCampaign['status'], number> = {
  ACTIVE: 0,
  PAUSED: 1,
  DRAFT: 2,
  COMPLETED: 3,
  CANCELLED: 4,
};

interface AgencyBrandState {
  agencyId: string | null;
  brandId: string | null;
  loading: boolean;
  error: string | null;
  brandName: string | null;
  campaigns: readonly AgencyCampaign[];
  totalCount: number;
  pending: Readonly<Record<string, CampaignMove>>;
}

/**
 * One granted brand's campaigns as the agency sees them, with the agency's rights: pausing and resuming
 * for agency owners and managers (who act as managers of the brand), reading for viewers.
 */
@Injectable()
export class AgencyBrandStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<AgencyBrandState>({
    agencyId: null,
    brandId: null,
    loading: false,
    error: null,
    brandName: null,
    campaigns: [],
    totalCount: 0,
    pending: {},
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly brandName = computed(() => this.state().brandName);
  readonly totalCount = computed(() => this.state().totalCount);
  readonly pending = computed(() => this.state().pending);
  /** Active first, then paused, drafts, completed and cancelled; by name within each. */
  readonly campaigns = computed(() =>
    [...this.state().campaigns].sort(
      (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.name.localeCompare(b.name),
    ),
  );

  async load(agencyId: string, brandId: string): Promise<void> {
    this.state.update((state) => ({ ...state, agencyId, brandId, loading: true, error: null }));
    try {
      const { organization, campaigns } = await this.graphql.query(AgencyBrandCampaignsDocument, {
        agencyId,
        brandId,
      });
      if (this.state().brandId !== brandId) return;
      const brand = organization.managedBrands.find((b) => b.id === brandId);
      this.state.update((state) => ({
        ...state,
        loading: false,
        brandName: brand?.name ?? null,
        error: brand ? null : 'This brand has not granted your agency access.',
        campaigns: brand ? campaigns.nodes : [],
        totalCount: brand ? campaigns.totalCount : 0,
      }));
    } catch (error) {
      if (this.state().brandId !== brandId) return;
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  /** Pauses or resumes a campaign; rejects with a GraphqlRequestError when the API refuses. */
  async move(campaignId: string, move: CampaignMove): Promise<AgencyCampaign> {
    this.state.update((state) => ({ ...state, pending: { ...state.pending, [campaignId]: move } }));
    try {
      const campaign =
        move === 'pause'
          ? (await this.graphql.mutate(AgencyPauseCampaignDocument, { id: campaignId })).pauseCampaign
          : (await this.graphql.mutate(AgencyResumeCampaignDocument, { id: campaignId })).resumeCampaign;
      this.state.update((state) => ({
        ...state,
        campaigns: state.campaigns.map((c) => (c.id === campaign.id ? campaign : c)),
      }));
      return campaign;
    } finally {
      this.state.update((state) => {
        const { [campaignId]: _done, ...pending } = state.pending;
        return { ...state, pending };
      });
    }
  }
}
