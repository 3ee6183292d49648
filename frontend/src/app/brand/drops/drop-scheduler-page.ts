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
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, Validators } from '@angular/forms';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { Dec, formatMoney, type Money } from '@bouquet/shared';
import type { DropTrigger } from '../../core/graphql/generated';
import { confirmAction } from '../../shared-ui/confirm-dialog';
import { fromLocalInput } from '../../shared-ui/datetime';
import { EmptyState } from '../../shared-ui/empty-state';
import { validationMessage } from '../../shared-ui/form-errors';
import { FORM_IMPORTS, formSubmission } from '../../shared-ui/form-submission';
import { MoneyPipe } from '../../shared-ui/formats';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { StatusChip } from '../../shared-ui/status-chip';
import { inFuture, integer } from '../../shared-ui/validators';
import { describeDiscount } from '../coupons/coupon-format';
import { dropCost, DropSchedulerStore } from './drop-scheduler-store';

export const TRIGGERS: readonly { value: DropTrigger; label: string; hint: string }[] = [
  { value: 'MANUAL', label: 'When I open it', hint: 'Open it from the campaign or the live monitor' },
  { value: 'SCHEDULED', label: 'At a set time', hint: 'Opens by itself at the time you pick' },
  {
    value: 'GIFT_MILESTONE',
    label: 'At a gifting milestone',
    hint: 'Opens when viewers have gifted N roses',
  },
];

export const CLAIM_WINDOWS = [
  { value: 30, label: '30 seconds' },
  { value: 60, label: '1 minute' },
  { value: 120, label: '2 minutes' },
  { value: 300, label: '5 minutes' },
  { value: 600, label: '10 minutes' },
  { value: 1800, label: '30 minutes' },
];

const FIELD_PATHS = {
  'input.streamId': 'streamId',
  'input.roseCount': 'roseCount',
  'input.perViewerLimit': 'perViewerLimit',
  'input.scheduledAt': 'scheduledAt',
  'input.milestoneRoses': 'milestoneRoses',
  'input.claimWindowSeconds': 'claimWindowSeconds',
  'input.couponPoolId': 'couponPoolId',
  'input.trigger': 'trigger',
};

/**
 * `/app/brand/campaigns/:campaignId/drops/new`: a sponsored rose drop in an accepted creator's live or
 * upcoming stream. The summary shows what the drop reserves from the budget and what is left, before the
 * brand confirms.
 */
@Component({
  selector: 'app-drop-scheduler-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [DropSchedulerStore],
  imports: [
    DatePipe,
    DecimalPipe,
    FORM_IMPORTS,
    RouterLink,
    MatProgressBar,
    EmptyState,
    LoadError,
    MoneyPipe,
    PageHeader,
    StatusChip,
  ],
  templateUrl: './drop-scheduler-page.html',
  styleUrls: ['../../shared-ui/page.scss', './drop-scheduler-page.scss'],
})
export class DropSchedulerPage {
  protected readonly store = inject(DropSchedulerStore);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);

  /** Route parameter. */
  readonly campaignId = input.required<string>();

  protected readonly triggers = TRIGGERS;
  protected readonly claimWindows = CLAIM_WINDOWS;
  protected readonly message = validationMessage;
  protected readonly describeDiscount = describeDiscount;

  protected readonly form = this.fb.group({
    creatorId: ['', Validators.required],
    streamId: ['', Validators.required],
    roseCount: [500, [Validators.required, Validators.min(1), Validators.max(1_000_000), integer('Roses')]],
    perViewerLimit: [
      1,
      [Validators.required, Validators.min(1), Validators.max(100), integer('Claims per viewer')],
    ],
    trigger: this.fb.control<DropTrigger>('MANUAL'),
    scheduledAt: ['', inFuture('Pick a time in the future.')],
    milestoneRoses: this.fb.control<number | null>(null, [Validators.min(1), integer('Milestone')]),
    claimWindowSeconds: [120, Validators.required],
    couponPoolId: [''],
  });

  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly creator = computed(() =>
    this.store.creators().find((creator) => creator.id === this.value().creatorId),
  );
  protected readonly stream = computed(() =>
    this.store.streams().find((stream) => stream.id === this.value().streamId),
  );
  protected readonly trigger = computed(() => this.value().trigger ?? 'MANUAL');
  protected readonly submission = formSubmission(this.form, { fields: FIELD_PATHS });

  protected readonly cost = computed<Money | null>(() => {
    const campaign = this.store.campaign();
    return campaign ? dropCost(Number(this.value().roseCount), campaign.roseUnitPrice) : null;
  });
  protected readonly remainingAfter = computed<Money | null>(() => {
    const campaign = this.store.campaign();
    const cost = this.cost();
    if (!campaign || !cost) return null;
    return {
      amount: new Dec(campaign.remaining.amount).minus(cost.amount).toFixed(),
      currency: cost.currency,
    };
  });
  protected readonly overBudget = computed(() => {
    const after = this.remainingAfter();
    return !!after && new Dec(after.amount).lt(0);
  });
  /** Pools usable here: not bound to another creator. */
  protected readonly pools = computed(() =>
    this.store.pools().filter((pool) => !pool.creator || pool.creator.id === this.value().creatorId),
  );

  constructor() {
    this.form.controls.roseCount.addValidators((control: AbstractControl) => {
      const left = this.creator()?.rosesLeft;
      return left !== undefined && Number(control.value) > left
        ? { custom: `Only ${left.toLocaleString('en-US')} roses are left in this creator's allowance.` }
        : null;
    });
    this.form.controls.creatorId.valueChanges.subscribe((creatorId) => {
      this.form.controls.streamId.setValue('');
      this.form.controls.couponPoolId.setValue('');
      this.form.controls.roseCount.updateValueAndValidity();
      if (creatorId) void this.store.loadStreams(creatorId);
    });
    this.form.controls.trigger.valueChanges.subscribe((trigger) => {
      const { scheduledAt, milestoneRoses } = this.form.controls;
      scheduledAt.setValidators(
        trigger === 'SCHEDULED'
          ? [Validators.required, inFuture('Pick a time in the future.')]
          : [inFuture('Pick a time in the future.')],
      );
      milestoneRoses.setValidators(
        trigger === 'GIFT_MILESTONE'
          ? [Validators.required, Validators.min(1), integer('Milestone')]
          : [Validators.min(1), integer('Milestone')],
      );
      scheduledAt.updateValueAndValidity();
      milestoneRoses.updateValueAndValidity();
    });
    effect(() => {
      const id = this.campaignId();
      untracked(() => void this.store.load(id));
    });
    effect(() => {
      const creators = this.store.creators();
      if (creators.length === 1 && !this.form.controls.creatorId.value)
        untracked(() => this.form.controls.creatorId.setValue(creators[0].id));
    });
  }

  protected campaignLink(): string {
    return `/app/brand/campaigns/${this.campaignId()}`;
  }

  protected async submit(): Promise<void> {
    if (this.submission.blocked()) return;
    const campaign = this.store.campaign();
    const cost = this.cost();
    const after = this.remainingAfter();
    const stream = this.stream();
    if (!campaign || !cost || !after || !stream) return;
    if (this.overBudget()) {
      this.submission.fail(
        `This drop costs ${formatMoney(cost)} but the campaign has ${formatMoney(campaign.remaining)} left. Use fewer roses or raise the budget.`,
      );
      return;
    }
    const value = this.form.getRawValue();
    const confirmed = await confirmAction(this.dialog, {
      title: `Reserve ${formatMoney(cost)} for this drop?`,
      message:
        `${Number(value.roseCount).toLocaleString('en-US')} roses in “${stream.title}” by ${this.creator()?.displayName}. ` +
        `${formatMoney(cost)} is held from the budget now (${formatMoney(after)} left after it); roses nobody ` +
        `claims go back when the drop closes.`,
      confirm: 'Schedule drop',
      tone: 'primary',
    });
    if (!confirmed) return;
    const scheduled = await this.submission.run(async () => {
      await this.store.schedule({
        campaignId: this.campaignId(),
        streamId: value.streamId,
        trigger: value.trigger,
        roseCount: Number(value.roseCount),
        perViewerLimit: Number(value.perViewerLimit),
        claimWindowSeconds: Number(value.claimWindowSeconds),
        scheduledAt: value.trigger === 'SCHEDULED' ? (fromLocalInput(value.scheduledAt) ?? null) : null,
        milestoneRoses: value.trigger === 'GIFT_MILESTONE' ? Number(value.milestoneRoses) : null,
        couponPoolId: value.couponPoolId || null,
      });
      return true;
    });
    if (!scheduled) return;
    this.snackBar.open(`Drop scheduled: ${formatMoney(cost)} reserved.`, undefined, { duration: 5000 });
    void this.router.navigateByUrl(this.campaignLink());
  }
}
