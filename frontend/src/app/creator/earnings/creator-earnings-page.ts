import { DatePipe, DecimalPipe, formatDate } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { EChartsCoreOption } from 'echarts/core';
import { axisMoney } from '../../agency/spend-revenue-chart';
import { Chart } from '../../shared-ui/charts/chart';
import { EmptyState } from '../../shared-ui/empty-state';
import { formatMoneyValue, MoneyPipe } from '../../shared-ui/formats';
import { KpiCard } from '../../shared-ui/kpi-card';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { StatusChip } from '../../shared-ui/status-chip';
import { injectCreatorContext } from '../creator-context';
import { CHART_MONTHS, CreatorEarningsStore, MonthTotal } from './creator-earnings-store';

const monthLabel = (month: string, pattern = 'MMM') => formatDate(`${month}-01T12:00:00`, pattern, 'en-US');

/** The chart of fees per month (bars), in one currency. */
export function earningsChart(months: readonly MonthTotal[]): EChartsCoreOption {
  const currency = months[0]?.fees.currency ?? 'USD';
  const money = (value: unknown) => formatMoneyValue({ amount: String(value), currency });
  return {
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: money },
    xAxis: { type: 'category', data: months.map((m) => monthLabel(m.month)), axisTick: { show: false } },
    yAxis: { type: 'value', axisLabel: { formatter: axisMoney(currency) }, splitNumber: 4 },
    series: [
      {
        type: 'bar',
        name: 'Fees',
        data: months.map((m) => Number(m.fees.amount)),
        barMaxWidth: 36,
        itemStyle: { borderRadius: [6, 6, 0, 0] },
      },
    ],
  };
}

/** Earnings: the fees of the offers the creator accepted, over time and per deal. */
@Component({
  selector: 'app-creator-earnings-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CreatorEarningsStore],
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButton,
    MatProgressBar,
    Chart,
    MoneyPipe,
    PageHeader,
    LoadError,
    EmptyState,
    KpiCard,
    StatusChip,
  ],
  templateUrl: './creator-earnings-page.html',
  styleUrls: ['../../shared-ui/page.scss', './creator-earnings-page.scss'],
})
export class CreatorEarningsPage {
  protected readonly store = inject(CreatorEarningsStore);
  protected readonly context = injectCreatorContext();
  protected readonly chartMonths = CHART_MONTHS;
  protected readonly chart = computed(() => earningsChart(this.store.byMonth()));
  protected readonly monthLabel = monthLabel;
  /** Totals in the other currencies, under the headline. */
  protected readonly otherTotals = computed(() =>
    this.store
      .totals()
      .slice(1)
      .map((total) => formatMoneyValue(total))
      .join(' + '),
  );

  constructor() {
    effect(() => {
      const creatorId = this.context.creatorId();
      if (creatorId) untracked(() => void this.store.load(creatorId));
    });
  }

  protected retry(): void {
    const creatorId = this.context.creatorId();
    if (creatorId) void this.store.load(creatorId);
    else this.context.retry();
  }
}
