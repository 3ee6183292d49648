import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ValidationErrors, Validators } from '@angular/forms';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import {
  CODE_ALPHABET,
  CODE_LENGTH_MAX,
  CODE_LENGTH_MIN,
  CODE_PREFIX_PATTERN,
  Dec,
  maxPoolSize,
} from '@bouquet/shared';
import type { CouponPoolFormContextQuery, DiscountType } from '../../core/graphql/generated';
import { BrandCreateCouponPoolDocument, CouponPoolFormContextDocument } from './coupon-pools.generated';
import { Graphql } from '../../core/graphql/graphql';
import { errorMessage } from '../../core/graphql/graphql-error';
import { fromLocalInput } from '../../shared-ui/datetime';
import { validationMessage } from '../../shared-ui/form-errors';
import { FORM_IMPORTS, formSubmission } from '../../shared-ui/form-submission';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { after, integer, moneyAmount, normalizeAmount } from '../../shared-ui/validators';

type FormContext = CouponPoolFormContextQuery['campaign'];

/** Largest pool the platform makes in one go. */
export const MAX_POOL = 5_000_000;

const FIELD_PATHS = {
  'input.name': 'name',
  'input.discountType': 'discountType',
  'input.discountValue': 'discountValue',
  'input.codePrefix': 'codePrefix',
  'input.codeLength': 'codeLength',
  'input.size': 'size',
  'input.usageLimitPerCode': 'usageLimitPerCode',
  'input.perCustomerLimit': 'perCustomerLimit',
  'input.startsAt': 'startsAt',
  'input.expiresAt': 'expiresAt',
  'input.creatorId': 'creatorId',
};

/** What one code of the pool looks like (random characters from the same alphabet). */
export function sampleCode(prefix: string, length: number, random: () => number = Math.random): string {
  let code = prefix;
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[Math.floor(random() * CODE_ALPHABET.length)];
  return code;
}

/** `/app/brand/campaigns/:campaignId/pools/new`: a pool of unique coupon codes, generated in the background. */
@Component({
  selector: 'app-coupon-pool-form-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FORM_IMPORTS, RouterLink, MatProgressBar, LoadError, PageHeader],
  templateUrl: './coupon-pool-form-page.html',
  styleUrls: ['../../shared-ui/page.scss', './coupon-pool-form-page.scss'],
})
export class CouponPoolFormPage {
  private readonly graphql = inject(Graphql);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Route parameter. */
  readonly campaignId = input.required<string>();

  protected readonly context = signal<FormContext | null>(null);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly message = validationMessage;
  protected readonly lengthRange = `${CODE_LENGTH_MIN} to ${CODE_LENGTH_MAX}`;

  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    discountType: this.fb.control<DiscountType>('PERCENT'),
    discountValue: ['20', Validators.required],
    size: [
      1000,
      [Validators.required, Validators.min(1), Validators.max(MAX_POOL), integer('Number of codes')],
    ],
    codePrefix: ['', [(c: AbstractControl) => prefixProblem(c)]],
    codeLength: [
      10,
      [
        Validators.required,
        Validators.min(CODE_LENGTH_MIN),
        Validators.max(CODE_LENGTH_MAX),
        integer('Random characters'),
      ],
    ],
    usageLimitPerCode: [1, [Validators.required, Validators.min(1), integer('Uses per code')]],
    perCustomerLimit: this.fb.control<number | null>(null, [Validators.min(1), integer('Uses per customer')]),
    startsAt: [''],
    expiresAt: ['', [after('startsAt', 'The expiry must be after the start.')]],
    creatorId: [''],
  });

  protected readonly submission = formSubmission(this.form, { fields: FIELD_PATHS });

  /** Drawn once, so the sample only changes with the prefix and length. */
  private readonly randomPart = sampleCode('', CODE_LENGTH_MAX);
  private readonly value = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });
  protected readonly currency = computed(() => this.context()?.budget.currency ?? 'USD');
  protected readonly sample = computed(() => {
    const { codePrefix, codeLength } = this.value();
    const length = Number(codeLength);
    const prefix = (codePrefix ?? '').toUpperCase();
    if (!CODE_PREFIX_PATTERN.test(prefix) || length < CODE_LENGTH_MIN || length > CODE_LENGTH_MAX)
      return null;
    return prefix + this.randomPart.slice(0, length);
  });

  constructor() {
    this.form.controls.discountValue.addValidators((control) => this.discountProblem(control));
    this.form.controls.size.addValidators((control) => this.sizeProblem(control));
    this.form.controls.discountType.valueChanges.subscribe(() =>
      this.form.controls.discountValue.updateValueAndValidity(),
    );
    this.form.controls.codeLength.valueChanges.subscribe(() =>
      this.form.controls.size.updateValueAndValidity(),
    );
    this.form.controls.startsAt.valueChanges.subscribe(() =>
      this.form.controls.expiresAt.updateValueAndValidity(),
    );
    effect(() => {
      const id = this.campaignId();
      untracked(() => void this.load(id));
    });
  }

  protected campaignLink(): string {
    return `/app/brand/campaigns/${this.campaignId()}`;
  }

  protected async load(campaignId: string): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const { campaign } = await this.graphql.query(CouponPoolFormContextDocument, { campaignId });
      this.context.set(campaign);
      if (!this.form.controls.name.value) this.form.controls.name.setValue(`${campaign.name} codes`);
      this.form.controls.discountValue.updateValueAndValidity();
    } catch (error) {
      this.loadError.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  private discountProblem(control: AbstractControl): ValidationErrors | null {
    const raw = normalizeAmount(String(control.value ?? ''));
    if (!raw) return null;
    if (this.form?.controls.discountType.value === 'FIXED_AMOUNT')
      return moneyAmount('Discount', () => this.currency())(control);
    if (!/^\d+(\.\d{1,2})?$/.test(raw) || new Dec(raw).lte(0) || new Dec(raw).gt(100))
      return { custom: 'Enter more than 0 and at most 100.' };
    return null;
  }

  private sizeProblem(control: AbstractControl): ValidationErrors | null {
    const length = Number(this.form?.controls.codeLength.value);
    if (!Number.isInteger(length) || length < CODE_LENGTH_MIN) return null;
    const max = Math.min(MAX_POOL, maxPoolSize(length));
    return Number(control.value) > max
      ? {
          custom: `At most ${max.toLocaleString('en-US')} codes with ${length} random characters; use longer codes.`,
        }
      : null;
  }

  protected async save(): Promise<void> {
    if (this.submission.blocked()) return;
    const value = this.form.getRawValue();
    const created = await this.submission.run(() =>
      this.graphql.mutate(BrandCreateCouponPoolDocument, {
        input: {
          campaignId: this.campaignId(),
          name: value.name.trim(),
          discountType: value.discountType,
          discountValue: normalizeAmount(value.discountValue),
          size: Number(value.size),
          codePrefix: value.codePrefix.trim().toUpperCase(),
          codeLength: Number(value.codeLength),
          usageLimitPerCode: Number(value.usageLimitPerCode),
          perCustomerLimit: value.perCustomerLimit ? Number(value.perCustomerLimit) : null,
          startsAt: fromLocalInput(value.startsAt) ?? null,
          expiresAt: fromLocalInput(value.expiresAt) ?? null,
          creatorId: value.creatorId || null,
        },
      }),
    );
    if (created) void this.router.navigate([this.campaignLink(), 'pools', created.createCouponPool.id]);
  }
}

function prefixProblem(control: AbstractControl): ValidationErrors | null {
  const value = String(control.value ?? '')
    .trim()
    .toUpperCase();
  return CODE_PREFIX_PATTERN.test(value)
    ? null
    : { custom: 'Up to 12 letters and digits 2-9 (no 0, 1, I, L or O).' };
}
