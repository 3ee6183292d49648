import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { OrganizationStore } from '../core/organizations/organization-store';
import { EmptyState } from '../shared-ui/empty-state';
import { Icon } from '../shared-ui/icon';
import { LoadError } from '../shared-ui/load-error';
import { PageHeader } from '../shared-ui/page-header';
import { StatusChip } from '../shared-ui/status-chip';
import { LiveNowStore } from './live-now-store';

/** `/app/live`: the streams to watch now, and the next ones. */
@Component({
  selector: 'app-live-now-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [LiveNowStore],
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButton,
    MatProgressBar,
    EmptyState,
    Icon,
    LoadError,
    PageHeader,
    StatusChip,
  ],
  templateUrl: './live-now-page.html',
  styleUrls: ['../shared-ui/page.scss', './live-now-page.scss'],
})
export class LiveNowPage {
  protected readonly store = inject(LiveNowStore);
  protected readonly organization = inject(OrganizationStore).current;
  protected readonly isCreator = computed(() => this.organization()?.kind === 'CREATOR');

  constructor() {
    effect(() => {
      const org = this.organization();
      if (org) untracked(() => void this.store.load(org));
    });
  }

  protected retry(): void {
    const org = this.organization();
    if (org) void this.store.load(org);
  }
}
