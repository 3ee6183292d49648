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
  viewChild,
} from '@angular/core';
import { FormGroupDirective, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { errorMessage, GraphqlRequestError } from '../../core/graphql/graphql-error';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { confirmAction } from '../../shared-ui/confirm-dialog';
import { EmptyState } from '../../shared-ui/empty-state';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { applyServerErrors, focusFirstInvalid, validationMessage } from '../../shared-ui/form-errors';
import { AgencyAccessStore, PartnerOrganization } from './agency-access-store';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Component({
  selector: 'app-agency-access-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [AgencyAccessStore],
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    MatProgressBar,
    EmptyState,
    LoadError,
    PageHeader,
  ],
  templateUrl: './agency-access-page.html',
  styleUrls: ['../../shared-ui/page.scss', './agency-access-page.scss'],
})
export class AgencyAccessPage {
  protected readonly store = inject(AgencyAccessStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly organization = inject(OrganizationStore).current;
  protected readonly isBrand = computed(() => this.organization()?.kind === 'BRAND');
  /** Only a brand's owners grant and revoke; managers and viewers see the list. */
  protected readonly canManage = computed(() => this.isBrand() && this.organization()?.role === 'OWNER');

  protected readonly form = inject(NonNullableFormBuilder).group({
    agencyId: ['', [Validators.required, Validators.pattern(UUID)]],
  });
  /** Resetting through the directive also forgets the submitted state, so the empty field shows no error. */
  private readonly formDirective = viewChild(FormGroupDirective);
  protected readonly granting = signal(false);
  protected readonly formError = signal<string | null>(null);

  constructor() {
    effect(() => {
      const id = this.organization()?.id;
      if (id) untracked(() => void this.store.load(id));
    });
  }

  protected agencyIdMessage(): string {
    return this.form.controls.agencyId.hasError('pattern')
      ? 'An organization id looks like 3f2c9a4e-1b7d-4c2e-9a51-0d6f8e2b7c13.'
      : validationMessage(this.form.controls.agencyId, 'Agency organization id');
  }

  protected async grant(): Promise<void> {
    this.formError.set(null);
    this.form.controls.agencyId.setValue(this.form.controls.agencyId.value.trim());
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    this.granting.set(true);
    try {
      const agency = await this.store.grant(this.form.controls.agencyId.value);
      this.formDirective()?.resetForm();
      this.snackBar.open(`${agency.name} can now work on your campaigns.`, undefined, { duration: 4000 });
    } catch (error) {
      this.formError.set(applyServerErrors(this.form, GraphqlRequestError.from(error)));
      focusFirstInvalid(this.host, this.injector);
    } finally {
      this.granting.set(false);
    }
  }

  protected async revoke(agency: PartnerOrganization): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: `Revoke ${agency.name}'s access?`,
      message: `${agency.name} will no longer see or manage your campaigns. You can grant access again later.`,
      confirm: 'Revoke access',
    });
    if (!confirmed) return;
    try {
      await this.store.revoke(agency.id);
      this.snackBar.open(`${agency.name} no longer has access.`, undefined, { duration: 4000 });
    } catch (error) {
      this.snackBar.open(`Could not revoke ${agency.name}: ${errorMessage(error)}`, 'Dismiss');
    }
  }
}
