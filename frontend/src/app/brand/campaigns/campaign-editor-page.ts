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
import { AbstractControl, NonNullableFormBuilder, ValidationErrors, Validators } from '@angular/forms';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { allCurrencies, Dec, formatMoney, type Money } from '@bouquet/shared';
import type { CampaignObjective } from '../../core/graphql/generated';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { fromLocalInput, toLocalInput } from '../../shared-ui/datetime';
import { validationMessage } from '../../shared-ui/form-errors';
import { FORM_IMPORTS, formSubmission } from '../../shared-ui/form-submission';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { after, moneyAmount, normalizeAmount } from '../../shared-ui/validators';
import { CampaignEditorStore } from './campaign-editor-store';

const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'BRL', 'MXN', 'JPY'];
const PRICE = /^(0|[1-9]\d{0,15})(\.\d{1,6})?$/;

export const OBJECTIVES: readonly { value: CampaignObjective; label: string; hint: string }[] = [
  { value: 'AWARENESS', label: 'Awareness', hint: 'Reach: viewers who see your drops' },
  { value: 'ENGAGEMENT', label: 'Engagement', hint: 'Claims and gifting during streams' },
  { value: 'SALES', label: 'Sales', hint: 'Coupon redemptions and revenue' },
];

/** Where the API's field errors land in this form. */
const FIELD_PATHS = {
  'input.name': 'name',
  'input.brief': 'brief',
  'input.objective': 'objective',
  'input.budget': 'budget',
  'input.budget.currency': 'currency',
  'input.roseUnitPrice': 'roseUnitPrice',
  'input.startsAt': 'startsAt',
  'input.endsAt': 'endsAt',
};

function roseUnitPrice(control: AbstractControl): ValidationErrors | null {
  const value = normalizeAmount(String(control.value ?? ''));
  if (!value) return null;
  if (!PRICE.test(value)) return { custom: 'Enter a price with at most 6 decimals, e.g. 0.01.' };
  return new Dec(value).gt(0) ? null : { custom: 'The price of a rose must be above zero.' };
}

/**
 * `/app/brand/campaigns/new` and `/app/brand/campaigns/:campaignId/edit`. A campaign has one currency, set
 * when it is created; its budget can later grow, or shrink down to what is already spent and reserved.
 */
@Component({
  selector: 'app-campaign-editor-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CampaignEditorStore],
  imports: [FORM_IMPORTS, RouterLink, MatProgressBar, LoadError, PageHeader],
  templateUrl: './campaign-editor-page.html',
  styleUrls: ['../../shared-ui/page.scss', './campaign-editor-page.scss'],
})
export class CampaignEditorPage {
  protected readonly store = inject(CampaignEditorStore);
  private readonly organizations = inject(OrganizationStore);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Route parameter; absent for a new campaign. */
  readonly campaignId = input<string | undefined>(undefined);

  protected readonly editing = computed(() => !!this.campaignId());
  protected readonly objectives = OBJECTIVES;
  protected readonly currencies = [
    ...COMMON_CURRENCIES,
    ...allCurrencies()
      .filter((code) => !COMMON_CURRENCIES.includes(code))
      .sort(),
  ];
  protected readonly message = validationMessage;

  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(120)]],
    objective: this.fb.control<CampaignObjective>('SALES', Validators.required),
    brief: ['', [Validators.required, Validators.maxLength(5000)]],
    budget: ['', [Validators.required, (control: AbstractControl) => this.atLeastHeld(control)]],
    currency: ['USD', Validators.required],
    roseUnitPrice: ['0.01', [roseUnitPrice]],
    startsAt: [''],
    endsAt: ['', [after('startsAt', 'The end must be after the start.')]],
  });

  /** The budget can be refused with BUDGET_EXCEEDED: below what is spent and reserved already. */
  protected readonly submission = formSubmission(this.form, {
    fields: FIELD_PATHS,
    codes: { BUDGET_EXCEEDED: 'budget' },
  });

  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  /** What a 1,000-rose drop costs at the price typed, for a feel of the number. */
  protected readonly dropExample = computed(() => {
    const { roseUnitPrice: price, currency } = this.values();
    const value = normalizeAmount(String(price ?? ''));
    if (!currency || !PRICE.test(value) || new Dec(value).lte(0)) return null;
    return formatMoney({ amount: new Dec(value).times(1000).toFixed(), currency });
  });

  /** Spent + reserved of the campaign being edited: the budget cannot go below it. */
  protected readonly held = computed<Money | null>(() => {
    const campaign = this.store.campaign();
    if (!campaign) return null;
    return {
      amount: new Dec(campaign.spent.amount).plus(campaign.reserved.amount).toFixed(),
      currency: campaign.budget.currency,
    };
  });

  constructor() {
    this.form.controls.budget.addValidators(moneyAmount('Budget', () => this.form.controls.currency.value));
    this.form.controls.startsAt.valueChanges.subscribe(() =>
      this.form.controls.endsAt.updateValueAndValidity(),
    );
    this.form.controls.currency.valueChanges.subscribe(() =>
      this.form.controls.budget.updateValueAndValidity(),
    );
    effect(() => {
      const id = this.campaignId();
      if (id) untracked(() => void this.store.load(id));
    });
    effect(() => {
      const campaign = this.store.campaign();
      if (campaign) untracked(() => this.fill(campaign));
    });
  }

  protected heldText(): string {
    const held = this.held();
    return held ? formatMoney(held) : '';
  }

  private atLeastHeld(control: AbstractControl): ValidationErrors | null {
    const held = this.held?.();
    const value = normalizeAmount(String(control.value ?? ''));
    if (!held || !value || !/^\d+(\.\d+)?$/.test(value)) return null;
    return new Dec(value).lt(held.amount)
      ? { custom: `The budget cannot go below ${formatMoney(held)} already spent or reserved.` }
      : null;
  }

  private fill(campaign: NonNullable<ReturnType<CampaignEditorStore['campaign']>>): void {
    this.form.reset({
      name: campaign.name,
      objective: campaign.objective,
      brief: campaign.brief,
      budget: campaign.budget.amount,
      currency: campaign.budget.currency,
      roseUnitPrice: campaign.roseUnitPrice.amount,
      startsAt: toLocalInput(campaign.startsAt),
      endsAt: toLocalInput(campaign.endsAt),
    });
    this.form.controls.currency.disable();
    this.form.controls.roseUnitPrice.disable();
  }

  protected async save(): Promise<void> {
    if (this.submission.blocked()) return;
    const brandId = this.organizations.current()?.id;
    if (!brandId) return;
    const value = this.form.getRawValue();
    const budget = { amount: normalizeAmount(value.budget), currency: value.currency };
    const dates = {
      startsAt: fromLocalInput(value.startsAt) ?? null,
      endsAt: fromLocalInput(value.endsAt) ?? null,
    };
    const id = this.campaignId();
    const saved = await this.submission.run(() =>
      id
        ? this.store.update(id, {
            name: value.name.trim(),
            brief: value.brief.trim(),
            objective: value.objective,
            budget,
            ...dates,
          })
        : this.store.create({
            brandId,
            name: value.name.trim(),
            brief: value.brief.trim(),
            objective: value.objective,
            budget,
            roseUnitPrice: value.roseUnitPrice.trim()
              ? { amount: normalizeAmount(value.roseUnitPrice), currency: value.currency }
              : null,
            ...dates,
          }),
    );
    if (saved) void this.router.navigate(['/app/brand/campaigns', saved]);
  }

  protected cancelLink(): string {
    const id = this.campaignId();
    return id ? `/app/brand/campaigns/${id}` : '/app/brand/campaigns';
  }
}
