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
import { MatProgressBar } from '@angular/material/progress-bar';
import type { CouponCodeStatus } from '../../core/graphql/generated';
import { EmptyState } from '../../shared-ui/empty-state';
import { ExportButton } from '../../shared-ui/exports/export-button';
import { CountPipe } from '../../shared-ui/formats';
import { KpiCard } from '../../shared-ui/kpi-card';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { StatusChip } from '../../shared-ui/status-chip';
import { describeDiscount } from './coupon-format';
import { CouponPoolAssignment } from './coupon-pool-assignment';
import { CouponPoolStore } from './coupon-pool-store';

const CODE_FILTERS: readonly { value: CouponCodeStatus | 'ALL'; label: string }[] = [
  { value: 'ALL', label: 'All' },
  { value: 'AVAILABLE', label: 'Available' },
  { value: 'ISSUED', label: 'Issued' },
  { value: 'EXHAUSTED', label: 'Used up' },
];

/**
 * `/app/brand/campaigns/:campaignId/pools/:poolId`: a coupon pool's codes, their generation followed live,
 * a CSV export of all of them, and the creator its redemptions are attributed to.
 */
@Component({
  selector: 'app-coupon-pool-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CouponPoolStore],
  imports: [
    DatePipe,
    DecimalPipe,
    MatButton,
    MatChipListbox,
    MatChipOption,
    MatProgressBar,
    CountPipe,
    CouponPoolAssignment,
    EmptyState,
    ExportButton,
    KpiCard,
    LoadError,
    PageHeader,
    StatusChip,
  ],
  templateUrl: './coupon-pool-page.html',
  styleUrls: ['../../shared-ui/page.scss', './coupon-pool-page.scss'],
})
export class CouponPoolPage {
  protected readonly store = inject(CouponPoolStore);

  /** Route parameters. */
  readonly campaignId = input.required<string>();
  readonly poolId = input.required<string>();

  protected readonly filters = CODE_FILTERS;
  protected readonly pool = this.store.pool;
  protected readonly discount = computed(() => {
    const pool = this.pool();
    return pool ? describeDiscount(pool, pool.campaign.budget.currency) : '';
  });
  /** "SPRING·······": the prefix and one dot per random character (at most 10 shown). */
  protected readonly codeFormat = computed(() => {
    const pool = this.pool();
    return pool ? `${pool.codePrefix}${'·'.repeat(Math.min(pool.codeLength, 10))}` : '';
  });
  protected readonly exportCodes = () => this.store.exportCodes();
  protected readonly fileName = computed(
    () => `${(this.pool()?.name ?? 'codes').replace(/[^\w-]+/g, '-')}.csv`,
  );
  protected readonly firstRow = computed(() => this.store.page() * this.store.pageSize + 1);

  constructor() {
    effect(() => {
      const id = this.poolId();
      untracked(() => void this.store.load(id));
    });
  }

  protected campaignLink(): string {
    return `/app/brand/campaigns/${this.campaignId()}`;
  }

  protected filterChanged(change: MatChipListboxChange): void {
    const value = change.value as CouponCodeStatus | 'ALL' | undefined;
    if (value === undefined) return;
    void this.store.filterCodes(value === 'ALL' ? null : value);
  }
}
