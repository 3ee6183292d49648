import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { errorMessage } from '../../core/graphql/graphql-error';
import { confirmAction } from '../../shared-ui/confirm-dialog';
import { EmptyState } from '../../shared-ui/empty-state';
import { Icon } from '../../shared-ui/icon';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { StatusChip } from '../../shared-ui/status-chip';
import { injectCreatorContext } from '../creator-context';
import { CreatorStream, CreatorStreamsStore, PAST_DAYS, StreamAction } from './creator-streams-store';
import { ScheduleStreamData, ScheduleStreamDialog } from './schedule-stream-dialog';

/** "2 drops · 1,500 roses" for a stream's drops that are still coming or running. */
export function dropsSummary(stream: CreatorStream): string {
  const drops = stream.drops.filter((d) => d.status !== 'CANCELLED');
  if (drops.length === 0) return 'No drops';
  const roses = drops.reduce((sum, d) => sum + d.roseCount, 0);
  return `${drops.length} ${drops.length === 1 ? 'drop' : 'drops'} · ${roses.toLocaleString('en-US')} roses`;
}

const CONFIRM: Record<
  Exclude<StreamAction, 'start'>,
  (s: CreatorStream) => { title: string; message: string; confirm: string }
> = {
  end: (s) => ({
    title: `End “${s.title}”?`,
    message:
      'Open drops close now and unclaimed roses go back to the brands. A stream cannot go live again once it ends.',
    confirm: 'End stream',
  }),
  cancel: (s) => ({
    title: `Cancel “${s.title}”?`,
    message:
      'Drops brands scheduled in this stream are called off and their roses released. This cannot be undone.',
    confirm: 'Cancel stream',
  }),
};

const DONE: Record<StreamAction, string> = { start: 'is live', end: 'has ended', cancel: 'is cancelled' };

/** My streams: schedule, go live, end, cancel, with the drops brands put in each. */
@Component({
  selector: 'app-creator-streams-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CreatorStreamsStore],
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButton,
    MatProgressBar,
    Icon,
    PageHeader,
    LoadError,
    EmptyState,
    StatusChip,
  ],
  templateUrl: './creator-streams-page.html',
  styleUrls: ['../../shared-ui/page.scss', './creator-streams-page.scss'],
})
export class CreatorStreamsPage {
  protected readonly store = inject(CreatorStreamsStore);
  protected readonly context = injectCreatorContext();
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);

  protected readonly pastDays = PAST_DAYS;
  protected readonly dropsSummary = dropsSummary;

  constructor() {
    effect(() => {
      const creatorId = this.context.creatorId();
      if (creatorId) untracked(() => void this.store.load(creatorId));
    });
  }

  protected schedule(): void {
    this.dialog
      .open<ScheduleStreamDialog, ScheduleStreamData, CreatorStream>(ScheduleStreamDialog, {
        data: { store: this.store },
        width: '520px',
        maxWidth: 'calc(100vw - 32px)',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((stream) => {
        if (stream) this.snackBar.open(`“${stream.title}” is scheduled.`, undefined, { duration: 4000 });
      });
  }

  protected async act(stream: CreatorStream, action: StreamAction): Promise<void> {
    if (action !== 'start' && !(await confirmAction(this.dialog, CONFIRM[action](stream)))) return;
    try {
      await this.store.act(stream.id, action);
      const done = this.snackBar.open(
        `“${stream.title}” ${DONE[action]}.`,
        action === 'start' ? 'Open live monitor' : undefined,
        { duration: 6000 },
      );
      if (action === 'start')
        done.onAction().subscribe(() => void this.router.navigate(['/app/live', stream.id]));
    } catch (error) {
      this.snackBar.open(`Could not update “${stream.title}”: ${errorMessage(error)}`, 'Dismiss');
    }
  }

  protected retry(): void {
    const creatorId = this.context.creatorId();
    if (creatorId) void this.store.load(creatorId);
    else this.context.retry();
  }

  protected durationMinutes(stream: CreatorStream): number | null {
    if (!stream.startedAt || !stream.endedAt) return null;
    return Math.max(0, Math.round((Date.parse(stream.endedAt) - Date.parse(stream.startedAt)) / 60_000));
  }
}
