import { computed, inject, Injectable, signal } from '@angular/core';
import type { AgencyOverviewQuery } from '../../core/graphql/generated';
import { AgencyOverviewDocument } from './agency-overview.generated';
import { Graphql } from '../../core/graphql/graphql';

type Overview = AgencyOverviewQuery['agencyOverview'];
export type BrandRow = Overview['brands'][number];
export type TotalRow = Overview['totals'][number];
export type Period = '30d' | '90d' | 'year' | 'all';

export const PERIODS: readonly { value: Period; label: string }[] = [
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
  { value: 'year', label: 'This year' },
  { value: 'all', label: 'All time' },
];

/** The start of a period, or null for all time. */
export function periodStart(period: Period, now = new Date()): string | null {
  switch (period) {
    case '30d':
      return new Date(now.getTime() - 30 * 86_400_000).toISOString();
    case '90d':
      return new Date(now.getTime() - 90 * 86_400_000).toISOString();
    case 'year':
      return new Date(now.getFullYear(), 0, 1).toISOString();
    case 'all':
      return null;
  }
}

interface AgencyOverviewState {
  agencyId: string | null;
  period: Period;
  loading: boolean;
  error: string | null;
  managedBrands: readonly { id: string; name: string }[];
  brands: readonly BrandRow[];
  totals: readonly TotalRow[];
}

/**
 * The brands that granted the agency access, with spend, attributed revenue and ROI per brand (one row per
 * brand and currency) over a period, and the totals per currency.
 */
@Injectable()
export class AgencyOverviewStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<AgencyOverviewState>({
    agencyId: null,
    period: '90d',
    loading: false,
    error: null,
    managedBrands: [],
    brands: [],
    totals: [],
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly period = computed(() => this.state().period);
  readonly totals = computed(() => this.state().totals);
  /** Highest spend first. */
  readonly brands = computed(() =>
    [...this.state().brands].sort(
      (a, b) => Number(b.spend.amount) - Number(a.spend.amount) || a.brand.name.localeCompare(b.brand.name),
    ),
  );
  /** Granted brands without a campaign yet (they have no rollup row). */
  readonly brandsWithoutCampaigns = computed(() => {
    const withRows = new Set(this.state().brands.map((row) => row.brand.id));
    return this.state().managedBrands.filter((brand) => !withRows.has(brand.id));
  });
  readonly hasBrands = computed(
    () => this.state().managedBrands.length > 0 || this.state().brands.length > 0,
  );
  /** The currency with the most spend: the chart compares brands in it. */
  readonly mainCurrency = computed(() => {
    const totals = [...this.state().totals].sort((a, b) => Number(b.spend.amount) - Number(a.spend.amount));
    return totals[0]?.spend.currency ?? null;
  });
  readonly chartRows = computed(() =>
    this.brands().filter((row) => row.spend.currency === this.mainCurrency()),
  );

  async load(agencyId: string, period: Period = this.state().period): Promise<void> {
    this.state.update((state) => ({ ...state, agencyId, period, loading: true, error: null }));
    try {
      const { organization, agencyOverview } = await this.graphql.query(AgencyOverviewDocument, {
        agencyId,
        from: periodStart(period),
      });
      const current = this.state();
      if (current.agencyId !== agencyId || current.period !== period) return;
      this.state.update((state) => ({
        ...state,
        loading: false,
        managedBrands: organization.managedBrands,
        brands: agencyOverview.brands,
        totals: agencyOverview.totals,
      }));
    } catch (error) {
      if (this.state().agencyId !== agencyId || this.state().period !== period) return;
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  choosePeriod(period: Period): Promise<void> {
    const agencyId = this.state().agencyId;
    return agencyId ? this.load(agencyId, period) : Promise.resolve();
  }
}
