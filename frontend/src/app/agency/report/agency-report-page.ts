import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { BudgetBar } from '../../shared-ui/budget-bar';
import { Chart } from '../../shared-ui/charts/chart';
import { EmptyState } from '../../shared-ui/empty-state';
import { ExportButton } from '../../shared-ui/exports/export-button';
import { CountPipe, formatShare, MoneyPipe, RoasPipe, RoiPipe } from '../../shared-ui/formats';
import { KpiCard, toneOf } from '../../shared-ui/kpi-card';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { CREATOR_COUNT_COLUMNS, creatorResultRows, ResultsTable } from '../../shared-ui/results-table';
import { StatusChip } from '../../shared-ui/status-chip';
import { spendRevenueChart, spendRevenueHeight } from '../spend-revenue-chart';
import { AgencyReportStore } from './agency-report-store';

/** A campaign's report for its agency: headline numbers, per creator and per drop, gifting spikes, export. */
@Component({
  selector: 'app-agency-report-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [AgencyReportStore],
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatProgressBar,
    BudgetBar,
    Chart,
    CountPipe,
    EmptyState,
    ExportButton,
    KpiCard,
    LoadError,
    MoneyPipe,
    PageHeader,
    ResultsTable,
    RoasPipe,
    RoiPipe,
    StatusChip,
  ],
  templateUrl: './agency-report-page.html',
  styleUrls: ['../../shared-ui/page.scss', './agency-report-page.scss'],
})
export class AgencyReportPage {
  /** From the route, `/app/agency/campaigns/:campaignId`. */
  readonly campaignId = input.required<string>();

  protected readonly store = inject(AgencyReportStore);
  protected readonly toneOf = toneOf;
  protected readonly share = formatShare;
  protected readonly countColumns = CREATOR_COUNT_COLUMNS;
  protected readonly creatorRows = computed(() => creatorResultRows(this.store.creators()));
  protected readonly back = computed(() => {
    const brand = this.store.report()?.campaign.brand;
    return brand ? `/app/agency/brands/${brand.id}` : '/app/agency';
  });
  protected readonly chart = computed(() =>
    spendRevenueChart(
      this.store.creators().map((row) => ({
        name: row.creator.displayName,
        spend: row.metrics.spend,
        revenue: row.metrics.attributedRevenue,
        roi: row.metrics.roi,
      })),
    ),
  );
  /** For the export button: starts the report's CSV export. */
  protected readonly exportReport = () => this.store.exportReport();
  protected readonly exportName = computed(() => {
    const name = this.store.report()?.campaign.name ?? 'campaign';
    return `${
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'campaign'
    }-report.csv`;
  });
  protected readonly chartHeight = computed(() => spendRevenueHeight(this.store.creators().length));

  constructor() {
    effect(() => {
      const id = this.campaignId();
      untracked(() => void this.store.load(id));
    });
  }
}
