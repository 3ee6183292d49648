import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MatButtonToggle,
  MatButtonToggleChange,
  MatButtonToggleGroup,
} from '@angular/material/button-toggle';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { Chart } from '../../shared-ui/charts/chart';
import { EmptyState } from '../../shared-ui/empty-state';
import { MoneyPipe, RoiPipe } from '../../shared-ui/formats';
import { KpiCard, toneOf } from '../../shared-ui/kpi-card';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import {
  type CountColumn,
  type PendingRow,
  type ResultRow,
  ResultsTable,
} from '../../shared-ui/results-table';
import { spendRevenueChart, spendRevenueHeight } from '../spend-revenue-chart';
import { AgencyOverviewStore, Period, PERIODS } from './agency-overview-store';

/** The agency's home: every granted brand's spend, revenue and ROI, in a chart and a table. */
@Component({
  selector: 'app-agency-overview-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [AgencyOverviewStore],
  imports: [
    RouterLink,
    MatButton,
    MatButtonToggleGroup,
    MatButtonToggle,
    MatProgressBar,
    Chart,
    EmptyState,
    KpiCard,
    LoadError,
    MoneyPipe,
    PageHeader,
    ResultsTable,
    RoiPipe,
  ],
  templateUrl: './agency-overview-page.html',
  styleUrls: ['../../shared-ui/page.scss', './agency-overview-page.scss'],
})
export class AgencyOverviewPage {
  protected readonly store = inject(AgencyOverviewStore);
  protected readonly organization = inject(OrganizationStore).current;
  protected readonly periods = PERIODS;
  protected readonly periodLabel = computed(
    () => PERIODS.find((p) => p.value === this.store.period())?.label ?? '',
  );
  protected readonly chart = computed(() =>
    spendRevenueChart(
      this.store.chartRows().map((row) => ({
        name: row.brand.name,
        spend: row.spend,
        revenue: row.attributedRevenue,
        roi: row.roi,
      })),
    ),
  );
  protected readonly chartHeight = computed(() => spendRevenueHeight(this.store.chartRows().length));
  protected readonly toneOf = toneOf;
  protected readonly countColumns: readonly CountColumn[] = [{ key: 'active', label: 'Active campaigns' }];
  protected readonly rows = computed<readonly ResultRow[]>(() =>
    this.store.brands().map((row) => ({
      id: `${row.brand.id}:${row.spend.currency}`,
      name: row.brand.name,
      link: ['/app/agency/brands', row.brand.id],
      spend: row.spend,
      revenue: row.attributedRevenue,
      roi: row.roi,
      counts: { active: row.activeCampaigns },
    })),
  );
  protected readonly pending = computed<readonly PendingRow[]>(() =>
    this.store.brandsWithoutCampaigns().map((brand) => ({
      id: brand.id,
      name: brand.name,
      link: ['/app/agency/brands', brand.id],
      note: 'No campaigns yet',
    })),
  );

  constructor() {
    effect(() => {
      const org = this.organization();
      if (org?.kind === 'AGENCY') untracked(() => void this.store.load(org.id));
    });
  }

  protected choose(change: MatButtonToggleChange): void {
    void this.store.choosePeriod(change.value as Period);
  }

  protected retry(): void {
    const org = this.organization();
    if (org) void this.store.load(org.id);
  }
}
