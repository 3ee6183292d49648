import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import type { ExportFieldsFragment } from '../../core/graphql/generated';
import { ExportStatusDocument } from './exports.generated';
import { Graphql } from '../../core/graphql/graphql';
import { errorMessage } from '../../core/graphql/graphql-error';
import { Icon } from '../icon';
import { PROGRESS_POLL_MS } from '../polling';
import { ExportDownload } from './export-download';

export type ExportJob = ExportFieldsFragment;

/**
 * A CSV export from start to file: the button starts it (`start` calls the export mutation), a progress bar
 * follows the rows written (against `total` when known), and a download button fetches the file.
 * `<app-export-button label="Export codes (CSV)" [start]="exportCodes" [total]="pool.generatedCount" />`.
 */
@Component({
  selector: 'app-export-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatButton, MatProgressBar, Icon],
  template: `
    @switch (job()?.status) {
      @case ('DONE') {
        <div class="row">
          <button matButton="filled" type="button" (click)="download()" [disabled]="downloading()">
            <app-icon name="download" />
            {{ downloading() ? 'Downloading…' : 'Download CSV' }}
          </button>
          <span class="note" role="status">{{ job()!.rowCount ?? 0 | number }} rows ready</span>
          <button matButton type="button" (click)="run()">Export again</button>
        </div>
      }
      @case ('PENDING') {
        <div class="progress" role="status">
          <mat-progress-bar mode="indeterminate" aria-label="Preparing the export" />
          <span class="note">Preparing the export…</span>
        </div>
      }
      @case ('RUNNING') {
        <div class="progress" role="status">
          <mat-progress-bar
            [mode]="percent() === null ? 'indeterminate' : 'determinate'"
            [value]="percent() ?? 0"
            aria-label="Export progress"
          />
          <span class="note">
            {{ job()!.rowCount ?? 0 | number }}
            @if (total()) {
              of {{ total() | number }}
            }
            rows written
          </span>
        </div>
      }
      @default {
        <div class="row">
          <button matButton="outlined" type="button" (click)="run()" [disabled]="starting()">
            <app-icon name="download" />
            {{ starting() ? 'Starting…' : label() }}
          </button>
          @if (job()?.status === 'FAILED') {
            <span class="note error" role="alert">The export failed. Try again.</span>
          }
        </div>
      }
    }
    @if (error(); as error) {
      <p class="note error" role="alert">{{ error }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 220px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }
    .progress {
      display: grid;
      gap: 6px;
      max-width: 320px;
    }
    .note {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .error {
      margin: 4px 0 0;
      color: var(--mat-sys-error);
    }
  `,
})
export class ExportButton {
  private readonly graphql = inject(Graphql);
  private readonly files = inject(ExportDownload);
  private readonly pollMs = inject(PROGRESS_POLL_MS);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  readonly start = input.required<() => Promise<ExportJob>>();
  readonly label = input('Export CSV');
  /** Rows the export will hold, when known, for a determinate progress bar. */
  readonly total = input<number | null>(null);
  /** The file name when the server does not send one. */
  readonly fileName = input('export.csv');

  protected readonly job = signal<ExportJob | null>(null);
  protected readonly starting = signal(false);
  protected readonly downloading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly percent = computed(() => {
    const total = this.total();
    const rows = this.job()?.rowCount;
    if (!total || rows == null) return null;
    return Math.min(100, Math.round((rows / total) * 100));
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.destroyed = true;
      this.stop();
    });
  }

  protected async run(): Promise<void> {
    this.stop();
    this.error.set(null);
    this.starting.set(true);
    try {
      this.follow(await this.start()());
    } catch (error) {
      this.error.set(errorMessage(error));
    } finally {
      this.starting.set(false);
    }
  }

  protected async download(): Promise<void> {
    const url = this.job()?.downloadUrl;
    if (!url) return;
    this.error.set(null);
    this.downloading.set(true);
    try {
      await this.files.save(url, this.fileName());
    } catch (error) {
      this.error.set((error as Error).message);
    } finally {
      this.downloading.set(false);
    }
  }

  private follow(job: ExportJob): void {
    if (this.destroyed) return;
    this.job.set(job);
    if (job.status !== 'PENDING' && job.status !== 'RUNNING') return;
    this.timer = setTimeout(async () => {
      try {
        const { export: next } = await this.graphql.query(ExportStatusDocument, { id: job.id });
        this.follow(next);
      } catch (error) {
        this.error.set(errorMessage(error));
      }
    }, this.pollMs);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
