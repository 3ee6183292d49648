import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatChipListbox, MatChipOption } from '@angular/material/chips';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { allCurrencies, formatMoney } from '@bouquet/shared';
import type { CreatorProfileInput } from '../../core/graphql/generated';
import { GraphqlRequestError } from '../../core/graphql/graphql-error';
import { allCountries, CATEGORIES } from '../../shared-ui/creator-facets';
import { applyServerErrorsAt, focusFirstInvalid, validationMessage } from '../../shared-ui/form-errors';
import { Icon } from '../../shared-ui/icon';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { integer, moneyAmount, normalizeAmount } from '../../shared-ui/validators';
import { injectCreatorContext } from '../creator-context';
import { type EditableCreatorProfile, CreatorProfileStore } from './creator-profile-store';

const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD', 'BRL', 'MXN', 'JPY'];
const MAX_INT = 2 ** 31 - 1;
export const MAX_CATEGORIES = 20;

/** Where the API's field errors land in this form. */
const FIELD_PATHS = {
  'input.displayName': 'displayName',
  'input.bio': 'bio',
  'input.categories': 'categories',
  'input.country': 'country',
  'input.followerCount': 'followerCount',
  'input.averageViewers': 'averageViewers',
  'input.rate': 'rate',
  'input.rate.currency': 'currency',
};

/**
 * `/app/creator/profile`: what brands see when they discover the creator (name, bio, categories, country,
 * audience and usual rate). Saved as a whole; field errors from the API land next to their field.
 */
@Component({
  selector: 'app-creator-profile-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CreatorProfileStore],
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatChipListbox,
    MatChipOption,
    MatFormField,
    MatLabel,
    MatError,
    MatHint,
    MatInput,
    MatSuffix,
    MatSelect,
    MatOption,
    MatProgressBar,
    Icon,
    LoadError,
    PageHeader,
  ],
  templateUrl: './creator-profile-page.html',
  styleUrls: ['../../shared-ui/page.scss', './creator-profile-page.scss'],
})
export class CreatorProfilePage {
  protected readonly store = inject(CreatorProfileStore);
  protected readonly context = injectCreatorContext();
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly message = validationMessage;
  protected readonly formError = signal<string | null>(null);
  protected readonly countries = allCountries();
  protected readonly currencies = [
    ...COMMON_CURRENCIES,
    ...allCurrencies()
      .filter((code) => !COMMON_CURRENCIES.includes(code))
      .sort(),
  ];
  protected readonly maxCategories = MAX_CATEGORIES;

  protected readonly form = this.fb.group({
    displayName: ['', [Validators.required, Validators.maxLength(100)]],
    bio: ['', [Validators.maxLength(2000)]],
    categories: this.fb.control<string[]>([], (control) =>
      (control.value as string[]).length > MAX_CATEGORIES
        ? { custom: `Pick at most ${MAX_CATEGORIES} categories.` }
        : null,
    ),
    country: [''],
    followerCount: this.fb.control<number | null>(0, [
      Validators.required,
      Validators.min(0),
      Validators.max(MAX_INT),
      integer('Followers'),
    ]),
    averageViewers: this.fb.control<number | null>(0, [
      Validators.required,
      Validators.min(0),
      Validators.max(MAX_INT),
      integer('Average viewers'),
    ]),
    rate: [''],
    currency: ['USD', Validators.required],
  });

  private readonly values = toSignal(this.form.valueChanges, { initialValue: this.form.getRawValue() });

  /** The standard categories plus any the profile already has. */
  protected readonly categoryOptions = computed(() => {
    const own = this.store.profile()?.categories ?? [];
    return [...CATEGORIES, ...own.filter((category) => !CATEGORIES.includes(category))];
  });

  protected readonly bioLength = computed(() => (this.values().bio ?? '').length);

  constructor() {
    this.form.controls.rate.addValidators(
      moneyAmount('Rate', () => this.form.controls.currency.value, { allowZero: true }),
    );
    this.form.controls.currency.valueChanges.subscribe(() =>
      this.form.controls.rate.updateValueAndValidity(),
    );
    this.form.valueChanges.subscribe(() => {
      if (this.form.dirty) this.store.markEdited();
    });
    effect(() => {
      const creatorId = this.context.creatorId();
      if (creatorId) untracked(() => void this.store.load(creatorId));
    });
    effect(() => {
      // The profile changes when it loads and when a save goes through, not when a save fails.
      const profile = this.store.profile();
      if (profile) untracked(() => this.fill(profile));
    });
    effect(() => {
      if (this.context.canAct()) this.form.enable({ emitEvent: false });
      else this.form.disable({ emitEvent: false });
    });
  }

  protected savedText(): string {
    const rate = this.store.profile()?.rate;
    return rate ? `Brands see your rate as ${formatMoney(rate)} per stream.` : '';
  }

  protected retry(): void {
    const creatorId = this.context.creatorId();
    if (creatorId) void this.store.load(creatorId);
    else this.context.retry();
  }

  private fill(profile: EditableCreatorProfile): void {
    this.form.reset({
      displayName: profile.displayName,
      bio: profile.bio ?? '',
      categories: [...profile.categories],
      country: profile.country ?? '',
      followerCount: profile.followerCount,
      averageViewers: profile.averageViewers,
      rate: profile.rate?.amount ?? '',
      currency: profile.rate?.currency ?? this.form.controls.currency.value,
    });
  }

  protected async save(): Promise<void> {
    this.formError.set(null);
    const creatorId = this.context.creatorId();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    if (!creatorId) return;
    const value = this.form.getRawValue();
    const rate = normalizeAmount(value.rate);
    const input: CreatorProfileInput = {
      displayName: value.displayName.trim(),
      bio: value.bio.trim() || null,
      categories: value.categories,
      country: value.country || null,
      followerCount: Number(value.followerCount),
      averageViewers: Number(value.averageViewers),
      rate: rate ? { amount: rate, currency: value.currency } : null,
    };
    try {
      await this.store.save(creatorId, input);
      this.form.markAsPristine();
    } catch (error) {
      this.formError.set(applyServerErrorsAt(this.form, GraphqlRequestError.from(error), FIELD_PATHS));
      focusFirstInvalid(this.host, this.injector);
    }
  }
}
