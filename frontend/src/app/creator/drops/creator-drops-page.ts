import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { EmptyState } from '../../shared-ui/empty-state';
import { CountPipe } from '../../shared-ui/formats';
import { Icon } from '../../shared-ui/icon';
import { KpiCard } from '../../shared-ui/kpi-card';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { StatusChip } from '../../shared-ui/status-chip';
import { claimedPercent, dropTriggerLabel } from '../../live/drop-labels';
import { injectCreatorContext } from '../creator-context';
import { CreatorDropsStore } from './creator-drops-store';

/** Drops in my streams: what brands fund for the creator's viewers, and how they went. */
@Component({
  selector: 'app-creator-drops-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CreatorDropsStore],
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButton,
    MatProgressBar,
    Icon,
    CountPipe,
    PageHeader,
    LoadError,
    EmptyState,
    KpiCard,
    StatusChip,
  ],
  templateUrl: './creator-drops-page.html',
  styleUrls: ['../../shared-ui/page.scss', './creator-drops-page.scss'],
})
export class CreatorDropsPage {
  protected readonly store = inject(CreatorDropsStore);
  protected readonly context = injectCreatorContext();
  protected readonly triggerLabel = dropTriggerLabel;
  protected readonly claimedPercent = claimedPercent;

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
