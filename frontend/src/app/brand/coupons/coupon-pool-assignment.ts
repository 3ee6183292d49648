import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { validationMessage } from '../../shared-ui/form-errors';
import { FORM_IMPORTS, formSubmission } from '../../shared-ui/form-submission';
import { CouponPoolStore } from './coupon-pool-store';

/**
 * On a coupon pool's page: which creator its redemptions are attributed to, and a form to assign (or
 * reassign) it to one of the creators with an accepted offer in the campaign. Reassigning moves future
 * redemptions only. Uses the page's CouponPoolStore.
 */
@Component({
  selector: 'app-coupon-pool-assignment',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_IMPORTS, RouterLink],
  templateUrl: './coupon-pool-assignment.html',
  styleUrls: ['../../shared-ui/page.scss', './coupon-pool-assignment.scss'],
})
export class CouponPoolAssignment {
  protected readonly store = inject(CouponPoolStore);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly pool = this.store.pool;
  protected readonly creators = this.store.assignableCreators;
  protected readonly message = validationMessage;
  protected readonly form = inject(NonNullableFormBuilder).group({
    creatorId: ['', Validators.required],
  });
  protected readonly submission = formSubmission(this.form);
  protected readonly closed = computed(() => {
    const status = this.pool()?.campaign.status;
    return status === 'COMPLETED' || status === 'CANCELLED';
  });

  constructor() {
    // The picker starts on the assigned creator, or on the only one there is.
    effect(() => {
      const assigned = this.pool()?.creator?.id;
      const creators = this.creators();
      untracked(() => {
        if (this.form.controls.creatorId.value) return;
        const start = assigned ?? (creators.length === 1 ? creators[0].id : '');
        this.form.controls.creatorId.setValue(start);
      });
    });
  }

  protected campaignLink(): string {
    return `/app/brand/campaigns/${this.pool()?.campaign.id ?? ''}`;
  }

  protected async assign(): Promise<void> {
    if (this.submission.blocked()) return;
    const creatorId = this.form.controls.creatorId.value;
    if (creatorId === this.pool()?.creator?.id) return;
    const creator = await this.submission.run(() => this.store.assign(creatorId));
    if (creator)
      this.snackBar.open(`Redemptions now count for ${creator.displayName}.`, undefined, { duration: 5000 });
  }
}
