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
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { errorMessage } from '../../core/graphql/graphql-error';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { BudgetBar } from '../../shared-ui/budget-bar';
import { EmptyState } from '../../shared-ui/empty-state';
import { MoneyPipe, RoiPipe } from '../../shared-ui/formats';
import { Icon } from '../../shared-ui/icon';
import { toneOf } from '../../shared-ui/kpi-card';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { StatusChip } from '../../shared-ui/status-chip';
import { AgencyBrandStore, AgencyCampaign, CampaignMove } from './agency-brand-store';

/** A granted brand's campaigns: budget, results, and pause/resume for agency managers. */
@Component({
  selector: 'app-agency-brand-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [AgencyBrandStore],
  imports: [
    RouterLink,
    MatButton,
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
  templateUrl: './agency-brand-page.html',
  styleUrls: ['../../shared-ui/page.scss', './agency-brand-page.scss'],
})
export class AgencyBrandPage {
  /** From the route, `/app/agency/brands/:brandId`. */
  readonly brandId = input.required<string>();

  protected readonly store = inject(AgencyBrandStore);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly organization = inject(OrganizationStore).current;
  /** Agency owners and managers act as managers of the brand; viewers only look. */
  protected readonly canManage = computed(() => this.organization()?.role !== 'VIEWER');
  protected readonly toneOf = toneOf;

  constructor() {
    effect(() => {
      const org = this.organization();
      const brandId = this.brandId();
      if (org?.kind === 'AGENCY') untracked(() => void this.store.load(org.id, brandId));
    });
  }

  protected async move(campaign: AgencyCampaign, move: CampaignMove): Promise<void> {
    try {
      await this.store.move(campaign.id, move);
      this.snackBar.open(
        `“${campaign.name}” is ${move === 'pause' ? 'paused' : 'active again'}.`,
        undefined,
        {
          duration: 4000,
        },
      );
    } catch (error) {
      this.snackBar.open(`Could not ${move} “${campaign.name}”: ${errorMessage(error)}`, 'Dismiss');
    }
  }

  protected retry(): void {
    const org = this.organization();
    if (org) void this.store.load(org.id, this.brandId());
  }
}
