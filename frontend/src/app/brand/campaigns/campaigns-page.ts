import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChipListbox, MatChipListboxChange, MatChipOption } from '@angular/material/chips';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import type { CampaignStatus } from '../../core/graphql/generated';
import { errorMessage } from '../../core/graphql/graphql-error';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { BudgetBar } from '../../shared-ui/budget-bar';
import { EmptyState } from '../../shared-ui/empty-state';
import { MoneyPipe, RoiPipe } from '../../shared-ui/formats';
import { Icon } from '../../shared-ui/icon';
import { toneOf } from '../../shared-ui/kpi-card';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { humanizeEnum, StatusChip } from '../../shared-ui/status-chip';
import { CampaignsStore } from './campaigns-store';

const FILTERS: readonly (CampaignStatus | null)[] = [
  null,
  'ACTIVE',
  'DRAFT',
  'PAUSED',
  'COMPLETED',
  'CANCELLED',
];

/** `/app/brand/campaigns`: every campaign with its status, budget use and return. */
@Component({
  selector: 'app-campaigns-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CampaignsStore],
  imports: [
    DatePipe,
    RouterLink,
    MatButton,
    MatChipListbox,
    MatChipOption,
    MatProgressBar,
    BudgetBar,
    EmptyState,
    Icon,
    LoadError,
    MoneyPipe,
    PageHeader,
    RoiPipe,
    StatusChip,
  ],
  templateUrl: './campaigns-page.html',
  styleUrls: ['../../shared-ui/page.scss', './campaigns-page.scss'],
})
export class CampaignsPage {
  protected readonly store = inject(CampaignsStore);
  private readonly organizations = inject(OrganizationStore);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly filters = FILTERS;
  protected readonly toneOf = toneOf;
  protected readonly humanize = humanizeEnum;

  constructor() {
    effect(() => {
      const id = this.organizations.current()?.id;
      if (id) untracked(() => void this.store.load(id));
    });
  }

  protected filterLabel(status: CampaignStatus | null): string {
    return status ? humanizeEnum(status) : 'All';
  }

  protected filterChanged(change: MatChipListboxChange): void {
    const value = change.value as CampaignStatus | 'ALL' | undefined;
    // A click on the chosen chip deselects it (value undefined): the filter stays as it was.
    if (value === undefined) return;
    void this.store.filter(value === 'ALL' ? null : value);
  }

  protected retry(): void {
    const id = this.organizations.current()?.id;
    if (id) void this.store.load(id);
  }

  protected async more(): Promise<void> {
    try {
      await this.store.loadMore();
    } catch (error) {
      this.snackBar.open(`Could not load more campaigns: ${errorMessage(error)}`, 'Dismiss');
    }
  }
}
