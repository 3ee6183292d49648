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
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { errorMessage } from '../core/graphql/graphql-error';
import { OrganizationStore } from '../core/organizations/organization-store';
import { Chart } from '../shared-ui/charts/chart';
import { EmptyState } from '../shared-ui/empty-state';
import { CountPipe } from '../shared-ui/formats';
import { Icon } from '../shared-ui/icon';
import { KpiCard } from '../shared-ui/kpi-card';
import { LoadError } from '../shared-ui/load-error';
import { PageHeader } from '../shared-ui/page-header';
import { StatusChip } from '../shared-ui/status-chip';
import { claimedPercent, dropTriggerLabel } from './drop-labels';
import { liveChart, LIVE_WINDOW_MINUTES, visibleBuckets } from './live-chart';
import { LiveDrop, LiveMonitorStore } from './live-monitor-store';

/** "4:05" left of a drop's claim window, or null when it is not open. */
export function timeLeft(drop: LiveDrop, now: number): string | null {
  if (drop.status !== 'OPEN' || !drop.openedAt) return null;
  const left = Math.max(0, Date.parse(drop.openedAt) + drop.claimWindowSeconds * 1000 - now);
  const seconds = Math.ceil(left / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The live monitor of a stream, for its creator and the brands with drops in it. */
@Component({
  selector: 'app-live-monitor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [LiveMonitorStore],
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButton,
    MatProgressBar,
    Chart,
    CountPipe,
    EmptyState,
    Icon,
    KpiCard,
    LoadError,
    PageHeader,
    StatusChip,
  ],
  templateUrl: './live-monitor-page.html',
  styleUrls: ['../shared-ui/page.scss', './live-monitor-page.scss'],
})
export class LiveMonitorPage {
  /** From the route, `/app/live/:streamId`. */
  readonly streamId = input.required<string>();

  protected readonly store = inject(LiveMonitorStore);
  private readonly snackBar = inject(MatSnackBar);
  private readonly organization = inject(OrganizationStore).current;

  protected readonly isCreator = computed(() => this.organization()?.kind === 'CREATOR');
  /** Viewers of an organization watch; managers and owners may open drops (the API has the last word). */
  protected readonly canOpen = computed(() => this.organization()?.role !== 'VIEWER');
  protected readonly windowMinutes = LIVE_WINDOW_MINUTES;
  protected readonly shown = computed(() => visibleBuckets(this.store.buckets(), this.store.isLive()));
  protected readonly chart = computed(() => liveChart(this.shown(), this.store.drops()));
  protected readonly back = computed(() => (this.isCreator() ? '/app/creator/streams' : '/app/live'));
  protected readonly triggerLabel = dropTriggerLabel;
  protected readonly claimedPercent = claimedPercent;
  protected readonly minutesLive = computed(() => {
    const started = this.store.stream()?.startedAt;
    return started ? Math.max(0, Math.floor((this.store.now() - Date.parse(started)) / 60_000)) : null;
  });

  constructor() {
    effect(() => {
      const id = this.streamId();
      untracked(() => void this.store.load(id));
    });
  }

  protected timeLeft(drop: LiveDrop): string | null {
    return timeLeft(drop, this.store.now());
  }

  protected rate(drop: LiveDrop): string {
    const rate = this.store.claimRates().get(drop.id) ?? 0;
    return rate === 0 ? '0' : rate < 10 ? rate.toFixed(1) : Math.round(rate).toLocaleString('en-US');
  }

  protected canOpenDrop(drop: LiveDrop): boolean {
    return drop.trigger === 'MANUAL' && drop.status === 'SCHEDULED' && this.canOpen();
  }

  protected async open(drop: LiveDrop): Promise<void> {
    try {
      const opened = await this.store.openDrop(drop.id);
      const minutes = Math.round(opened.claimWindowSeconds / 60);
      this.snackBar.open(
        `The drop is open: viewers can claim ${opened.roseCount.toLocaleString('en-US')} roses for ${minutes} min.`,
        undefined,
        { duration: 5000 },
      );
    } catch (error) {
      this.snackBar.open(`Could not open the drop: ${errorMessage(error)}`, 'Dismiss');
    }
  }
}
