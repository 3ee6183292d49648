import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, OnInit } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatChipListbox, MatChipOption } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel, MatPrefix, MatSuffix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';
import type { CreatorFilter } from '../../core/graphql/generated';
import { errorMessage } from '../../core/graphql/graphql-error';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { EmptyState } from '../../shared-ui/empty-state';
import { CATEGORIES } from '../../shared-ui/creator-facets';
import { CountPipe, MoneyPipe } from '../../shared-ui/formats';
import { Icon } from '../../shared-ui/icon';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { normalizeAmount } from '../../shared-ui/validators';
import { CreatorDiscoveryStore, DiscoveryCreator } from './creator-discovery-store';
import { SendOfferData, SendOfferDialog } from './send-offer-dialog';

const COUNTRY_CODES = ['US', 'GB', 'CA', 'DE', 'FR', 'ES', 'IT', 'BR', 'MX', 'JP'];
const regions = new Intl.DisplayNames(['en'], { type: 'region' });
export const COUNTRIES = COUNTRY_CODES.map((code) => ({ code, name: regions.of(code) ?? code })).sort(
  (a, b) => a.name.localeCompare(b.name),
);
export const FOLLOWER_STEPS = [
  { value: 0, label: 'Any audience' },
  { value: 10_000, label: '10K+ followers' },
  { value: 50_000, label: '50K+ followers' },
  { value: 100_000, label: '100K+ followers' },
  { value: 250_000, label: '250K+ followers' },
];

/** The filter the API takes, from what the form holds (empty fields filter nothing). */
export function toCreatorFilter(value: {
  search: string;
  categories: string[];
  country: string;
  minFollowers: number;
  maxRate: string;
  currency: string;
}): CreatorFilter {
  const filter: CreatorFilter = {};
  if (value.search.trim()) filter.search = value.search.trim();
  if (value.categories.length) filter.categories = value.categories;
  if (value.country) filter.country = value.country;
  if (value.minFollowers > 0) filter.minFollowers = value.minFollowers;
  const maxRate = normalizeAmount(value.maxRate);
  if (/^\d+(\.\d{1,2})?$/.test(maxRate)) filter.maxRate = { amount: maxRate, currency: value.currency };
  return filter;
}

/**
 * `/app/brand/creators`: find creators by name, category, country, audience and rate, and send them an
 * offer. `?campaign=<id>` preselects the campaign in the offer form.
 */
@Component({
  selector: 'app-creator-discovery-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [CreatorDiscoveryStore],
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatChipListbox,
    MatChipOption,
    MatFormField,
    MatLabel,
    MatPrefix,
    MatSuffix,
    MatInput,
    MatSelect,
    MatOption,
    MatProgressBar,
    CountPipe,
    EmptyState,
    Icon,
    LoadError,
    MoneyPipe,
    PageHeader,
  ],
  templateUrl: './creator-discovery-page.html',
  styleUrls: ['../../shared-ui/page.scss', './creator-discovery-page.scss'],
})
export class CreatorDiscoveryPage implements OnInit {
  protected readonly store = inject(CreatorDiscoveryStore);
  private readonly organizations = inject(OrganizationStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  /** Query parameter: the campaign to invite creators to. */
  readonly campaign = input<string | undefined>(undefined);

  protected readonly categories = CATEGORIES;
  protected readonly countries = COUNTRIES;
  protected readonly followerSteps = FOLLOWER_STEPS;
  protected readonly filters = this.fb.group({
    search: [''],
    categories: this.fb.control<string[]>([]),
    country: [''],
    minFollowers: [0],
    maxRate: [''],
    currency: ['USD'],
  });

  ngOnInit(): void {
    void this.store.search({});
    this.filters.valueChanges
      .pipe(
        debounceTime(300),
        map(() => toCreatorFilter(this.filters.getRawValue())),
        distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((filter) => void this.store.search(filter));
  }

  protected hasFilters(): boolean {
    return Object.keys(this.store.filter()).length > 0;
  }

  protected clear(): void {
    this.filters.reset({
      search: '',
      categories: [],
      country: '',
      minFollowers: 0,
      maxRate: '',
      currency: 'USD',
    });
  }

  protected initials(creator: DiscoveryCreator): string {
    return creator.displayName
      .split(/\s+/)
      .map((word) => word.charAt(0))
      .join('')
      .slice(0, 2)
      .toUpperCase();
  }

  protected countryName(code: string | null): string {
    return code ? (regions.of(code) ?? code) : '';
  }

  protected offer(creator: DiscoveryCreator): void {
    const brandId = this.organizations.current()?.id;
    if (!brandId) return;
    this.dialog
      .open<SendOfferDialog, SendOfferData, string>(SendOfferDialog, {
        data: { brandId, creator, campaignId: this.campaign() ?? null },
        width: '720px',
        maxWidth: 'calc(100vw - 24px)',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .subscribe((offerId) => {
        if (!offerId) return;
        this.snackBar
          .open(`Offer sent to ${creator.displayName}.`, 'View offer', { duration: 6000 })
          .onAction()
          .subscribe(() => void this.router.navigate(['/app/brand/offers', offerId]));
      });
  }

  protected async more(): Promise<void> {
    try {
      await this.store.loadMore();
    } catch (error) {
      this.snackBar.open(`Could not load more creators: ${errorMessage(error)}`, 'Dismiss');
    }
  }
}
