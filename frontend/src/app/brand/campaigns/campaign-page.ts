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
import { MatButton } from '@angular/material/button';
import { MatChipListbox, MatChipListboxChange, MatChipOption } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { formatMoney } from '@bouquet/shared';
import { errorMessage } from '../../core/graphql/graphql-error';
import { BudgetBar } from '../../shared-ui/budget-bar';
import { Chart } from '../../shared-ui/charts/chart';
import { confirmAction } from '../../shared-ui/confirm-dialog';
import { EmptyState } from '../../shared-ui/empty-state';
import { ExportButton } from '../../shared-ui/exports/export-button';
import {
  CountPipe,
  formatMoneyValue,
  formatRoas,
  formatRoi,
  formatShare,
  MoneyPipe,
} from '../../shared-ui/formats';
import { Icon } from '../../shared-ui/icon';
import { KpiCard, toneOf } from '../../shared-ui/kpi-card';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { CREATOR_COUNT_COLUMNS, creatorResultRows, ResultsTable } from '../../shared-ui/results-table';
import { humanizeEnum, StatusChip } from '../../shared-ui/status-chip';
import { describeDiscount } from '../coupons/coupon-format';
import { CampaignAction, CampaignDrop, CampaignStore } from './campaign-store';
import { campaignTimelineOption, campaignTimelineSummary } from './campaign-timeline-chart';

const ACTION_LABEL: Record<CampaignAction, string> = {
  launch: 'Launch',
  pause: 'Pause',
  resume: 'Resume',
  complete: 'Complete',
  cancel: 'Cancel campaign',
};

/**
 * `/app/brand/campaigns/:campaignId`: how a campaign is doing (KPIs, budget, a stream's minute-by-minute
 * timeline with drops and spikes) and everything in it: offers, drops, coupon pools, results per creator.
 */
@Component({
  selector: 'app-campaign-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CampaignStore],
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButton,
    MatChipListbox,
    MatChipOption,
    MatProgressBar,
    BudgetBar,
    Chart,
    CountPipe,
    EmptyState,
    ExportButton,
    Icon,
    KpiCard,
    LoadError,
    MoneyPipe,
    PageHeader,
    ResultsTable,
    StatusChip,
  ],
  templateUrl: './campaign-page.html',
  styleUrls: ['../../shared-ui/page.scss', './campaign-page.scss'],
})
export class CampaignPage {
  protected readonly store = inject(CampaignStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  /** Route parameter. */
  readonly campaignId = input.required<string>();

  protected readonly campaign = this.store.campaign;
  protected readonly actionLabel = ACTION_LABEL;
  protected readonly humanize = humanizeEnum;
  protected readonly toneOf = toneOf;
  protected readonly describeDiscount = describeDiscount;
  protected readonly exportReport = () => this.store.exportReport();
  protected readonly countColumns = CREATOR_COUNT_COLUMNS;
  /** Results by creator, highest revenue first. */
  protected readonly creatorRows = computed(() =>
    creatorResultRows(
      [...(this.store.report()?.byCreator ?? [])].sort(
        (a, b) => Number(b.metrics.attributedRevenue.amount) - Number(a.metrics.attributedRevenue.amount),
      ),
    ),
  );
  protected readonly reportFileName = computed(
    () => `${(this.campaign()?.name ?? 'campaign').replace(/[^\w-]+/g, '-')}-report.csv`,
  );
  protected readonly editable = computed(() => {
    const status = this.campaign()?.status;
    return status === 'DRAFT' || status === 'ACTIVE' || status === 'PAUSED';
  });

  protected readonly kpis = computed(() => {
    const campaign = this.campaign();
    if (!campaign) return [];
    const m = campaign.metrics;
    return [
      {
        label: 'Spend',
        icon: 'money' as const,
        value: formatMoneyValue(m.spend, 'compact'),
        hint: `Fees ${formatMoneyValue(m.creatorFees, 'compact')} · drops ${formatMoneyValue(m.dropCost, 'compact')}`,
        tone: 'neutral' as const,
      },
      {
        label: 'Remaining',
        icon: 'wallet' as const,
        value: formatMoneyValue(campaign.remaining, 'compact'),
        hint: `of ${formatMoneyValue(campaign.budget, 'compact')} budget`,
        tone: 'neutral' as const,
      },
      {
        label: 'Redemptions',
        icon: 'coupon' as const,
        value: new Intl.NumberFormat('en-US').format(m.redemptions),
        hint: m.costPerRedemption
          ? `${formatMoneyValue(m.costPerRedemption)} each · ${formatShare(m.claimConversion)} of claims`
          : 'None yet',
        tone: 'neutral' as const,
      },
      {
        label: 'Revenue',
        icon: 'trending' as const,
        value: formatMoneyValue(m.attributedRevenue, 'compact'),
        hint: 'Attributed to codes and drops',
        tone: 'neutral' as const,
      },
      {
        label: 'ROI',
        icon: 'chart' as const,
        value: formatRoi(m.roi),
        hint: m.roi === null ? 'Once there is spend' : '(revenue − spend) ÷ spend',
        tone: toneOf(m.roi),
      },
      {
        label: 'ROAS',
        icon: 'bolt' as const,
        value: formatRoas(m.roas),
        hint: m.roas === null ? 'Once there is spend' : 'Revenue per unit of spend',
        tone: 'neutral' as const,
      },
    ];
  });

  private readonly timelineDrops = computed(() =>
    this.store.drops().filter((drop) => drop.stream.id === this.store.timelineStreamId()),
  );
  private readonly timelineSpikes = computed(() =>
    (this.store.report()?.spikes ?? []).filter((spike) => spike.stream.id === this.store.timelineStreamId()),
  );
  protected readonly timelineOption = computed(() =>
    campaignTimelineOption(this.store.timeline(), this.timelineDrops(), this.timelineSpikes()),
  );
  protected readonly timelineSummary = computed(() =>
    campaignTimelineSummary(this.store.timeline(), this.timelineDrops(), this.timelineSpikes()),
  );
  protected readonly dropResults = computed(
    () => new Map((this.store.report()?.byDrop ?? []).map((row) => [row.drop.id, row])),
  );

  constructor() {
    effect(() => {
      const id = this.campaignId();
      untracked(() => void this.store.load(id));
    });
  }

  protected pickStream(change: MatChipListboxChange): void {
    if (change.value) void this.store.showTimeline(change.value as string);
  }

  protected async act(action: CampaignAction): Promise<void> {
    const campaign = this.campaign();
    if (!campaign) return;
    if (action === 'cancel' || action === 'complete') {
      const confirmed = await confirmAction(this.dialog, {
        title: action === 'cancel' ? `Cancel “${campaign.name}”?` : `Complete “${campaign.name}”?`,
        message:
          action === 'cancel'
            ? `Scheduled drops stop and ${formatMoney(campaign.reserved)} reserved for them goes back to the budget. This cannot be undone.`
            : 'The campaign stops taking new offers and drops; its results stay here.',
        confirm: action === 'cancel' ? 'Cancel campaign' : 'Complete campaign',
        tone: action === 'cancel' ? 'danger' : 'primary',
      });
      if (!confirmed) return;
    }
    try {
      await this.store.act(action);
      this.snackBar.open(`“${campaign.name}” is ${this.campaign()?.status.toLowerCase()}.`, undefined, {
        duration: 4000,
      });
    } catch (error) {
      this.snackBar.open(`Could not ${action} the campaign: ${errorMessage(error)}`, 'Dismiss');
    }
  }

  protected canOpen(drop: CampaignDrop): boolean {
    return drop.status === 'SCHEDULED' && drop.trigger === 'MANUAL' && drop.stream.status === 'LIVE';
  }

  protected canCancel(drop: CampaignDrop): boolean {
    return drop.status === 'SCHEDULED' || drop.status === 'OPEN';
  }

  protected async openDrop(drop: CampaignDrop): Promise<void> {
    try {
      await this.store.openDrop(drop.id);
      this.snackBar.open(`The drop is open in “${drop.stream.title}”.`, undefined, { duration: 4000 });
    } catch (error) {
      this.snackBar.open(`Could not open the drop: ${errorMessage(error)}`, 'Dismiss');
    }
  }

  protected async cancelDrop(drop: CampaignDrop): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: 'Cancel this drop?',
      message:
        drop.status === 'OPEN'
          ? `Viewers can no longer claim. Roses claimed so far are paid; the rest of ${formatMoney(drop.cost)} goes back to the budget.`
          : `${formatMoney(drop.cost)} reserved for it goes back to the budget.`,
      confirm: 'Cancel drop',
    });
    if (!confirmed) return;
    try {
      await this.store.cancelDrop(drop.id);
      this.snackBar.open('The drop is cancelled.', undefined, { duration: 4000 });
    } catch (error) {
      this.snackBar.open(`Could not cancel the drop: ${errorMessage(error)}`, 'Dismiss');
    }
  }

  protected claimedShare(drop: CampaignDrop): number {
    return drop.roseCount ? Math.round((drop.claimedRoses / drop.roseCount) * 100) : 0;
  }

  protected poolShare(generated: number, size: number): number {
    return size ? Math.round((generated / size) * 100) : 0;
  }
}
