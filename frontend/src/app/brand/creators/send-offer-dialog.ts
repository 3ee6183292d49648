import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  OnInit,
  Signal,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
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
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { Dec, formatMoney } from '@bouquet/shared';
import type { OfferableCampaignsQuery } from '../../core/graphql/generated';
import { OfferableCampaignsDocument, SendOfferToCreatorDocument } from './creators.generated';
import { Graphql } from '../../core/graphql/graphql';
import { errorMessage, GraphqlRequestError } from '../../core/graphql/graphql-error';
import { fromLocalInput } from '../../shared-ui/datetime';
import { applyServerErrorsAt, focusFirstInvalid, validationMessage } from '../../shared-ui/form-errors';
import { inFuture, normalizeAmount } from '../../shared-ui/validators';
import { termsFieldPaths, termsForm, termsInput } from '../../negotiation/offer-terms';
import { OfferTermsFields } from '../../negotiation/offer-terms-fields';
import type { DiscoveryCreator } from './creator-discovery-store';

export interface SendOfferData {
  brandId: string;
  creator: DiscoveryCreator;
  /** Preselected campaign (from `?campaign=` on the discovery page). */
  campaignId: string | null;
}

type OfferableCampaign = OfferableCampaignsQuery['active']['nodes'][number];

/** The API's field paths for a sent offer, mapped onto this form's controls. */
const FIELD_PATHS = {
  ...termsFieldPaths('input.terms', 'terms.'),
  'input.campaignId': 'campaignId',
  'input.message': 'message',
  'input.expiresAt': 'expiresAt',
};

/** Sends an offer to a creator: which campaign, the terms (fee prefilled from their rate), a note. */
@Component({
  selector: 'app-send-offer-dialog',
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
    MatSelect,
    MatOption,
    MatProgressBar,
    OfferTermsFields,
  ],
  templateUrl: './send-offer-dialog.html',
  styleUrl: './send-offer-dialog.scss',
})
export class SendOfferDialog implements OnInit {
  protected readonly data = inject<SendOfferData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SendOfferDialog, string>>(MatDialogRef);
  private readonly graphql = inject(Graphql);
  private readonly fb = inject(NonNullableFormBuilder);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly campaigns = signal<readonly OfferableCampaign[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly sending = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly message = validationMessage;

  protected readonly form = this.fb.group({
    campaignId: ['', Validators.required],
    terms: termsForm(this.fb, () => this.currency(), null),
    message: ['', Validators.maxLength(4000)],
    expiresAt: ['', inFuture('The expiry must be in the future.')],
  });

  private readonly campaignId = toSignal(this.form.controls.campaignId.valueChanges, { initialValue: '' });
  private readonly fee = toSignal(this.form.controls.terms.controls.fee.valueChanges, { initialValue: '' });
  protected readonly campaign = computed(() => this.campaigns().find((c) => c.id === this.campaignId()));
  protected readonly currency: Signal<string> = computed(() => this.campaign()?.budget.currency ?? 'USD');
  /** A fee above what the campaign has left cannot be accepted: say so before sending. */
  protected readonly overBudget = computed(() => {
    const campaign = this.campaign();
    const fee = normalizeAmount(String(this.fee() ?? ''));
    if (!campaign || !/^\d+(\.\d+)?$/.test(fee)) return false;
    return new Dec(fee).gt(campaign.remaining.amount);
  });
  protected readonly formatMoney = formatMoney;

  ngOnInit(): void {
    const rate = this.data.creator.rate;
    this.form.controls.terms.patchValue({ fee: rate?.amount ?? '', streamCount: 1, roseAllowance: 1000 });
    void this.loadCampaigns();
  }

  protected async loadCampaigns(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const { active, drafts } = await this.graphql.query(OfferableCampaignsDocument, {
        brandId: this.data.brandId,
      });
      const all = [...active.nodes, ...drafts.nodes];
      this.campaigns.set(all);
      const preselected =
        all.find((c) => c.id === this.data.campaignId) ?? (all.length === 1 ? all[0] : null);
      if (preselected) this.form.controls.campaignId.setValue(preselected.id);
    } catch (error) {
      this.loadError.set(errorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async send(): Promise<void> {
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    const value = this.form.getRawValue();
    this.sending.set(true);
    try {
      const { sendOffer } = await this.graphql.mutate(SendOfferToCreatorDocument, {
        input: {
          campaignId: value.campaignId,
          creatorId: this.data.creator.id,
          terms: termsInput(this.form.controls.terms, this.currency()),
          message: value.message.trim() || null,
          expiresAt: fromLocalInput(value.expiresAt) ?? null,
        },
      });
      this.ref.close(sendOffer.id);
    } catch (error) {
      this.formError.set(applyServerErrorsAt(this.form, GraphqlRequestError.from(error), FIELD_PATHS));
      focusFirstInvalid(this.host, this.injector);
    } finally {
      this.sending.set(false);
    }
  }
}
