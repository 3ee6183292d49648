import { computed, inject, Injectable, signal } from '@angular/core';
import { addMoney, type Money, zero } from '@bouquet/shared';
import type { CreatorEarningsQuery } from '../../core/graphql/generated';
import { CreatorEarningsDocument } from './creator-earnings.generated';
import { Graphql } from '../../core/graphql/graphql';

export type Deal = CreatorEarningsQuery['offers']['nodes'][number];

/** Months the chart covers, this one included. */
export const CHART_MONTHS = 12;

export interface MonthTotal {
  /** `2026-11` */
  month: string;
  fees: Money;
}

interface EarningsState {
  creatorId: string | null;
  loading: boolean;
  error: string | null;
  deals: readonly Deal[];
  totalCount: number;
}

const acceptedAt = (deal: Deal) => deal.acceptedAt ?? deal.createdAt;

/** `2026-11` of an ISO instant, in the user's time zone. */
export function monthOf(iso: string): string {
  const date = new Date(iso);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** Sums amounts per currency, exactly (decimal strings, never floats). */
export function totalsByCurrency(amounts: readonly Money[]): Money[] {
  const totals = new Map<string, Money>();
  for (const amount of amounts) {
    totals.set(amount.currency, addMoney(totals.get(amount.currency) ?? zero(amount.currency), amount));
  }
  return [...totals.values()].sort((a, b) => Number(b.amount) - Number(a.amount));
}

/**
 * What the creator earns: the fees of accepted offers (committed against each brand's budget when the
 * creator accepted). Totals per currency, this month's, and the last 12 months for the chart.
 */
@Injectable()
export class CreatorEarningsStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<EarningsState>({
    creatorId: null,
    loading: false,
    error: null,
    deals: [],
    totalCount: 0,
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly totalCount = computed(() => this.state().totalCount);
  /** Newest first. */
  readonly deals = computed(() =>
    [...this.state().deals].sort((a, b) => acceptedAt(b).localeCompare(acceptedAt(a))),
  );
  readonly totals = computed(() => totalsByCurrency(this.state().deals.map((d) => d.currentTerms.fee)));
  /** The currency most of the money came in: the one the chart and headline use. */
  readonly mainCurrency = computed(() => this.totals()[0]?.currency ?? null);
  readonly thisMonth = computed(() => {
    const currency = this.mainCurrency();
    if (!currency) return null;
    const month = monthOf(new Date().toISOString());
    return totalsByCurrency([
      zero(currency),
      ...this.state()
        .deals.filter((d) => d.currentTerms.fee.currency === currency && monthOf(acceptedAt(d)) === month)
        .map((d) => d.currentTerms.fee),
    ])[0];
  });
  readonly streamsOwed = computed(() =>
    this.state()
      .deals.filter((d) => d.campaign.status === 'ACTIVE' || d.campaign.status === 'PAUSED')
      .reduce((sum, d) => sum + d.currentTerms.streamCount, 0),
  );

  /** Fees per month in the main currency, the last CHART_MONTHS months, oldest first (empty months at zero). */
  readonly byMonth = computed<MonthTotal[]>(() => {
    const currency = this.mainCurrency();
    if (!currency) return [];
    const now = new Date();
    const months = Array.from({ length: CHART_MONTHS }, (_, i) =>
      monthOf(new Date(now.getFullYear(), now.getMonth() - (CHART_MONTHS - 1 - i), 1).toISOString()),
    );
    const sums = new Map(months.map((month) => [month, zero(currency)]));
    for (const deal of this.state().deals) {
      const month = monthOf(acceptedAt(deal));
      const sum = sums.get(month);
      if (sum && deal.currentTerms.fee.currency === currency)
        sums.set(month, addMoney(sum, deal.currentTerms.fee));
    }
    return months.map((month) => ({ month, fees: sums.get(month) as Money }));
  });

  async load(creatorId: string): Promise<void> {
    this.state.update((state) => ({ ...state, creatorId, loading: true, error: null }));
    try {
      const { offers } = await this.graphql.query(CreatorEarningsDocument, { creatorId });
      if (this.state().creatorId !== creatorId) return;
      this.state.update((state) => ({
        ...state,
        loading: false,
        deals: offers.nodes,
        totalCount: offers.totalCount,
      }));
    } catch (error) {
      if (this.state().creatorId !== creatorId) return;
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }
}
