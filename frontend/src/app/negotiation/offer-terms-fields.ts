import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { validationMessage } from '../shared-ui/form-errors';
import type { TermsForm } from './offer-terms';

/**
 * The fields of an offer's terms (fee, streams, roses, coupon discount, dates, deliverables), for sending,
 * countering and reviewing an offer. The parent owns the form (`termsForm()`) and submits it.
 */
@Component({
  selector: 'app-offer-terms-fields',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormField, MatLabel, MatError, MatHint, MatInput, MatSuffix],
  template: `
    <div class="grid" [formGroup]="form()">
      <mat-form-field appearance="outline">
        <mat-label>Fee</mat-label>
        <input matInput formControlName="fee" inputmode="decimal" autocomplete="off" required />
        <span matTextSuffix>{{ currency() }}</span>
        <mat-hint>Paid on acceptance</mat-hint>
        <mat-error>{{ message(form().controls.fee, 'Fee') }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Sponsored streams</mat-label>
        <input matInput type="number" min="1" max="1000" formControlName="streamCount" required />
        <mat-error>{{ message(form().controls.streamCount, 'Sponsored streams') }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Rose allowance</mat-label>
        <input matInput type="number" min="0" formControlName="roseAllowance" required />
        <mat-hint>Roses funded for drops</mat-hint>
        <mat-error>{{ message(form().controls.roseAllowance, 'Rose allowance') }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Coupon discount</mat-label>
        <input matInput type="number" min="1" max="100" formControlName="couponDiscountPercent" />
        <span matTextSuffix>%</span>
        <mat-hint>Optional</mat-hint>
        <mat-error>{{ message(form().controls.couponDiscountPercent, 'Coupon discount') }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Starts</mat-label>
        <input matInput type="datetime-local" formControlName="startsAt" />
        <mat-hint>Optional</mat-hint>
        <mat-error>{{ message(form().controls.startsAt, 'Start') }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline">
        <mat-label>Ends</mat-label>
        <input matInput type="datetime-local" formControlName="endsAt" />
        <mat-hint>Optional</mat-hint>
        <mat-error>{{ message(form().controls.endsAt, 'End') }}</mat-error>
      </mat-form-field>
      <mat-form-field appearance="outline" class="wide">
        <mat-label>Deliverables</mat-label>
        <textarea matInput rows="3" formControlName="deliverables"></textarea>
        <mat-hint>Mentions, pinned codes, drops per stream…</mat-hint>
        <mat-error>{{ message(form().controls.deliverables, 'Deliverables') }}</mat-error>
      </mat-form-field>
    </div>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 4px 16px;
    }
    .wide {
      grid-column: 1 / -1;
    }
    mat-form-field {
      width: 100%;
    }
  `,
})
export class OfferTermsFields {
  readonly form = input.required<TermsForm>();
  readonly currency = input.required<string>();
  protected readonly message = validationMessage;
}
