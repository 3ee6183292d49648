import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Party } from '../core/graphql/generated';
import { errorMessage, GraphqlRequestError } from '../core/graphql/graphql-error';
import { OrganizationStore } from '../core/organizations/organization-store';
import { confirmAction } from '../shared-ui/confirm-dialog';
import { applyServerErrorsAt, focusFirstInvalid, validationMessage } from '../shared-ui/form-errors';
import { FORM_IMPORTS } from '../shared-ui/form-submission';
import { CountPipe } from '../shared-ui/formats';
import { Icon } from '../shared-ui/icon';
import { LoadError } from '../shared-ui/load-error';
import { PageHeader } from '../shared-ui/page-header';
import { StatusChip } from '../shared-ui/status-chip';
import { formatTerm, TERM_LABELS, termsFieldPaths, termsForm, termsInput } from './offer-terms';
import { OfferTermsFields } from './offer-terms-fields';
import { OfferThreadStore, ThreadAction } from './offer-thread-store';

/**
 * `/app/<area>/offers/:offerId`: one offer's negotiation, the same screen for the brand and the creator.
 * Every revision lists its terms with what it changed highlighted; messages sit between them in time.
 * The side whose turn it is can accept, counter or decline; the brand can withdraw at any time.
 * Routes pass `back` (route data) for the "All offers" link.
 */
@Component({
  selector: 'app-offer-thread-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [OfferThreadStore],
  imports: [
    DatePipe,
    ...FORM_IMPORTS,
    MatProgressBar,
    CountPipe,
    Icon,
    LoadError,
    PageHeader,
    StatusChip,
    OfferTermsFields,
  ],
  templateUrl: './offer-thread-page.html',
  styleUrls: ['../shared-ui/page.scss', './offer-thread-page.scss'],
})
export class OfferThreadPage {
  protected readonly store = inject(OfferThreadStore);
  private readonly organizations = inject(OrganizationStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** Route parameter. */
  readonly offerId = input.required<string>();
  /** Route data: where "All offers" leads. */
  readonly back = input<string | null>(null);

  protected readonly offer = this.store.offer;
  protected readonly termLabels = TERM_LABELS;
  protected readonly formatTerm = formatTerm;
  protected readonly message = validationMessage;

  /** The side the user negotiates for: creators for themselves, brands and agencies for the brand. */
  protected readonly party = computed<Party>(() =>
    this.organizations.current()?.kind === 'CREATOR' ? 'CREATOR' : 'BRAND',
  );
  protected readonly backLink = computed(
    () => this.back() ?? (this.party() === 'CREATOR' ? '/app/creator/offers' : '/app/brand/offers'),
  );
  protected readonly myTurn = computed(() => {
    const offer = this.offer();
    return offer?.status === 'PENDING' && offer.awaitingResponseFrom === this.party();
  });
  protected readonly pending = computed(() => this.offer()?.status === 'PENDING');
  protected readonly currency = computed(() => this.offer()?.currentTerms.fee.currency ?? 'USD');
  protected readonly otherSide = computed(() => {
    const offer = this.offer();
    if (!offer) return '';
    return this.party() === 'BRAND' ? `@${offer.creator.handle}` : offer.campaign.brand.name;
  });

  /** What the user is doing in the actions panel. */
  protected readonly mode = signal<'idle' | 'counter' | 'decline'>('idle');
  /** The version the counter form started from: a newer one means the other side moved meanwhile. */
  private readonly counterBase = signal<number | null>(null);
  protected readonly counterOutdated = computed(() => {
    const base = this.counterBase();
    const version = this.offer()?.version;
    return base !== null && version !== undefined && version !== base;
  });

  protected counterForm = this.counterGroup(null);
  protected readonly counterError = signal<string | null>(null);
  protected readonly declineReason = this.fb.control('', [Validators.maxLength(4000)]);
  protected readonly composer = this.fb.group({
    body: ['', [Validators.required, Validators.maxLength(4000)]],
  });
  protected readonly composerError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.offerId();
      untracked(() => {
        this.mode.set('idle');
        void this.store.load(id);
      });
    });
  }

  private counterGroup(initial: Parameters<typeof termsForm>[2]) {
    return this.fb.group({
      terms: termsForm(this.fb, () => this.currency(), initial),
      note: ['', [Validators.maxLength(4000)]],
    });
  }

  protected isBusy(action: ThreadAction): boolean {
    return this.store.busy() === action;
  }

  protected partyName(party: Party): string {
    const offer = this.offer();
    if (!offer) return '';
    const who = party === 'BRAND' ? offer.campaign.brand.name : offer.creator.displayName;
    return party === this.party() ? `${who} (you)` : who;
  }

  protected startCounter(): void {
    const offer = this.offer();
    if (!offer) return;
    this.counterForm = this.counterGroup(offer.currentTerms);
    this.counterError.set(null);
    this.counterBase.set(offer.version);
    this.mode.set('counter');
    focusFirstInvalid(this.host, this.injector);
  }

  protected cancelMode(): void {
    this.mode.set('idle');
    this.counterBase.set(null);
  }

  protected async sendCounter(): Promise<void> {
    this.counterError.set(null);
    if (this.counterForm.invalid) {
      this.counterForm.markAllAsTouched();
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    const note = this.counterForm.controls.note.value.trim() || null;
    const expectedVersion = this.counterBase() ?? this.offer()?.version;
    if (expectedVersion === undefined) return;
    try {
      await this.store.counter(
        termsInput(this.counterForm.controls.terms, this.currency()),
        note,
        expectedVersion,
      );
      this.cancelMode();
      this.snackBar.open(`Counter-offer sent to ${this.otherSide()}.`, undefined, { duration: 4000 });
    } catch (error) {
      const failure = GraphqlRequestError.from(error);
      if (failure.code === 'CONFLICT') {
        // The store reloaded the offer and explains in its notice; the form keeps what the user typed.
        this.counterBase.set(this.offer()?.version ?? null);
        return;
      }
      this.counterError.set(
        applyServerErrorsAt(this.counterForm, failure, {
          ...termsFieldPaths('terms', 'terms.'),
          message: 'note',
        }),
      );
      focusFirstInvalid(this.host, this.injector);
    }
  }

  protected async accept(): Promise<void> {
    const offer = this.offer();
    if (!offer) return;
    const fee = formatTerm(offer.currentTerms, 'fee');
    const confirmed = await confirmAction(this.dialog, {
      title: 'Accept these terms?',
      message:
        this.party() === 'BRAND'
          ? `${fee} is committed from the ${offer.campaign.name} budget and ${offer.creator.displayName} can get drops in their streams.`
          : `You agree to ${formatTerm(offer.currentTerms, 'streamCount')} for ${offer.campaign.brand.name} for ${fee}.`,
      confirm: 'Accept offer',
      tone: 'primary',
    });
    if (!confirmed) return;
    await this.attempt(() => this.store.accept(), 'Offer accepted.');
  }

  protected async decline(): Promise<void> {
    if (this.declineReason.invalid) {
      this.declineReason.markAsTouched();
      return;
    }
    const reason = this.declineReason.value.trim() || null;
    if (await this.attempt(() => this.store.decline(reason), 'Offer declined.')) this.cancelMode();
  }

  protected async withdraw(): Promise<void> {
    const offer = this.offer();
    if (!offer) return;
    const confirmed = await confirmAction(this.dialog, {
      title: 'Withdraw this offer?',
      message: `${offer.creator.displayName} can no longer accept it. You can send a new offer later.`,
      confirm: 'Withdraw offer',
    });
    if (!confirmed) return;
    await this.attempt(() => this.store.withdraw(), 'Offer withdrawn.');
  }

  protected async post(): Promise<void> {
    this.composerError.set(null);
    const body = this.composer.controls.body.value.trim();
    if (!body) {
      this.composer.controls.body.setValue('');
      this.composer.markAllAsTouched();
      return;
    }
    try {
      await this.store.postMessage(body);
      this.composer.reset({ body: '' });
    } catch (error) {
      const failure = GraphqlRequestError.from(error);
      this.composerError.set(applyServerErrorsAt(this.composer, failure, { body: 'body' }));
    }
  }

  /** Runs a move; CONFLICT is explained by the store's notice, other failures in a snack bar. */
  private async attempt(move: () => Promise<void>, done: string): Promise<boolean> {
    try {
      await move();
      this.snackBar.open(done, undefined, { duration: 4000 });
      return true;
    } catch (error) {
      const failure = GraphqlRequestError.from(error);
      if (failure.code !== 'CONFLICT') this.snackBar.open(errorMessage(failure), 'Dismiss');
      return false;
    }
  }
}
