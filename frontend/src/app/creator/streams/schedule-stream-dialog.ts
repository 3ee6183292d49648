import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { GraphqlRequestError } from '../../core/graphql/graphql-error';
import { fromLocalInput, toLocalInput } from '../../shared-ui/datetime';
import { applyServerErrors, focusFirstInvalid, validationMessage } from '../../shared-ui/form-errors';
import { CreatorStream, CreatorStreamsStore } from './creator-streams-store';

export interface ScheduleStreamData {
  store: CreatorStreamsStore;
}

/** The next full hour at least 30 minutes away: a sensible first suggestion. */
export function suggestedStart(now = new Date()): Date {
  const next = new Date(now.getTime() + 30 * 60_000);
  next.setMinutes(0, 0, 0);
  next.setHours(next.getHours() + 1);
  return next;
}

function inTheFuture(control: AbstractControl<string>): ValidationErrors | null {
  if (!control.value) return null;
  const at = fromLocalInput(control.value);
  if (!at) return { date: true };
  return Date.parse(at) > Date.now() ? null : { past: true };
}

/** Schedules a stream: title, start time in the creator's time zone, and the live platform's id. */
@Component({
  selector: 'app-schedule-stream-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
  ],
  template: `
    <h2 mat-dialog-title>Schedule a stream</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate aria-label="Schedule a stream">
      <mat-dialog-content class="fields">
        @if (formError(); as error) {
          <p class="form-error" role="alert">{{ error }}</p>
        }
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Title</mat-label>
          <input matInput formControlName="title" required maxlength="200" autocomplete="off" />
          <mat-hint>What viewers and brands see, e.g. "Friday night makeup Q&amp;A"</mat-hint>
          <mat-error>{{ message(form.controls.title, 'Title') }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Starts at</mat-label>
          <input matInput type="datetime-local" formControlName="scheduledStartAt" required />
          <mat-hint>Your local time ({{ timeZone }})</mat-hint>
          <mat-error>{{ startMessage() }}</mat-error>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Live platform stream id (optional)</mat-label>
          <input
            matInput
            formControlName="externalId"
            maxlength="128"
            autocomplete="off"
            spellcheck="false"
          />
          <mat-hint
            >The id your streaming platform gives this stream, so the events you send match it</mat-hint
          >
          <mat-error>{{ message(form.controls.externalId, 'Stream id') }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button matButton type="button" mat-dialog-close>Cancel</button>
        <button matButton="filled" type="submit" [disabled]="pending()" [disabledInteractive]="true">
          {{ pending() ? 'Scheduling…' : 'Schedule stream' }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .fields {
      display: flex;
      flex-direction: column;
      gap: 12px;
      padding-top: 8px;
    }
    mat-form-field {
      width: 100%;
    }
    .form-error {
      margin: 0;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
})
export class ScheduleStreamDialog {
  private readonly data = inject<ScheduleStreamData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ScheduleStreamDialog, CreatorStream>>(MatDialogRef);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  protected readonly form = inject(NonNullableFormBuilder).group({
    title: ['', [Validators.required, Validators.maxLength(200)]],
    scheduledStartAt: [toLocalInput(suggestedStart().toISOString()), [Validators.required, inTheFuture]],
    externalId: ['', [Validators.maxLength(128)]],
  });
  protected readonly pending = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly message = validationMessage;

  protected startMessage(): string {
    const control = this.form.controls.scheduledStartAt;
    if (control.hasError('past')) return 'Pick a time in the future.';
    if (control.hasError('date')) return 'Enter a date and time.';
    return validationMessage(control, 'Start time');
  }

  protected async submit(): Promise<void> {
    this.formError.set(null);
    const { title, scheduledStartAt, externalId } = this.form.getRawValue();
    this.form.controls.title.setValue(title.trim());
    if (this.form.invalid || !title.trim()) {
      if (!title.trim()) this.form.controls.title.setErrors({ required: true });
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    this.pending.set(true);
    try {
      const stream = await this.data.store.schedule({
        title: title.trim(),
        scheduledStartAt: fromLocalInput(scheduledStartAt) as string,
        externalId: externalId.trim() || null,
      });
      this.ref.close(stream);
    } catch (error) {
      this.formError.set(applyServerErrors(this.form, GraphqlRequestError.from(error)));
      focusFirstInvalid(this.host, this.injector);
    } finally {
      this.pending.set(false);
    }
  }
}
