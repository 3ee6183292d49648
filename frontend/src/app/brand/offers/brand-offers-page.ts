import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { errorMessage } from '../../core/graphql/graphql-error';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { EmptyState } from '../../shared-ui/empty-state';
import { CountPipe, MoneyPipe } from '../../shared-ui/formats';
import { Icon } from '../../shared-ui/icon';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { StatusChip } from '../../shared-ui/status-chip';
import { BrandOffer, BrandOffersStore, lastActivity } from './brand-offers-store';

/** `/app/brand/offers`: every negotiation, the ones waiting for the brand first. */
@Component({
  selector: 'app-brand-offers-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [BrandOffersStore],
  imports: [
    DatePipe,
    RouterLink,
    MatButton,
    MatProgressBar,
    CountPipe,
    EmptyState,
    Icon,
    LoadError,
    MoneyPipe,
    PageHeader,
    StatusChip,
  ],
  templateUrl: './brand-offers-page.html',
  styleUrls: ['../../shared-ui/page.scss', './brand-offers-page.scss'],
})
export class BrandOffersPage {
  protected readonly store = inject(BrandOffersStore);
  private readonly organizations = inject(OrganizationStore);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly lastActivity = lastActivity;

  protected readonly groups = [
    {
      key: 'mine',
      title: 'Your move',
      hint: 'Creators answered: accept, counter or decline.',
      offers: this.store.yourMove,
    },
    {
      key: 'waiting',
      title: 'Waiting for creators',
      hint: 'Sent or countered by you.',
      offers: this.store.waiting,
    },
    {
      key: 'closed',
      title: 'Closed',
      hint: 'Accepted, declined, withdrawn or expired.',
      offers: this.store.closed,
    },
  ];

  constructor() {
    effect(() => {
      const id = this.organizations.current()?.id;
      if (id) untracked(() => void this.store.load(id));
    });
  }

  protected retry(): void {
    const id = this.organizations.current()?.id;
    if (id) void this.store.load(id);
  }

  protected rounds(offer: BrandOffer): string {
    const n = offer.revisions.length;
    return n <= 1 ? 'First offer' : `${n} rounds`;
  }

  protected async more(): Promise<void> {
    try {
      await this.store.loadMore();
    } catch (error) {
      this.snackBar.open(`Could not load more offers: ${errorMessage(error)}`, 'Dismiss');
    }
  }
}
