import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import type { ApiScope, OrganizationKind } from '../../core/graphql/generated';
import { GraphqlRequestError } from '../../core/graphql/graphql-error';
import { CopyButton } from '../../shared-ui/copy-button';
import { applyServerErrors, focusFirstInvalid, validationMessage } from '../../shared-ui/form-errors';
import { Icon } from '../../shared-ui/icon';
import { API_SCOPES, defaultScopes } from './api-scopes';
import { ApiKeysStore } from './api-keys-store';

export interface CreateApiKeyData {
  store: ApiKeysStore;
  kind: OrganizationKind;
}

/** Two steps: name and scopes, then the secret, shown this one time only. */
@Component({
  selector: 'app-create-api-key-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatCheckbox,
    MatDialogTitle,
    MatDialogContent,
    MatDialogActions,
    MatDialogClose,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatInput,
    CopyButton,
    Icon,
  ],
  templateUrl: './create-api-key-dialog.html',
  styleUrl: './create-api-key-dialog.scss',
})
export class CreateApiKeyDialog {
  private readonly data = inject<CreateApiKeyData>(MAT_DIALOG_DATA);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly scopes = API_SCOPES;
  protected readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(80)]],
    scopes: this.fb.group(
      Object.fromEntries(
        API_SCOPES.map((scope) => [scope.value, defaultScopes(this.data.kind).includes(scope.value)]),
      ) as Record<ApiScope, boolean>,
    ),
  });
  protected readonly pending = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly scopeError = signal(false);
  /** The new key's secret: in this dialog only, gone when it closes. */
  protected readonly secret = signal<string | null>(null);
  protected readonly message = validationMessage;

  protected async submit(): Promise<void> {
    this.formError.set(null);
    const { name, scopes } = this.form.getRawValue();
    const chosen = API_SCOPES.map((scope) => scope.value).filter((scope) => scopes[scope]);
    this.scopeError.set(chosen.length === 0);
    if (this.form.invalid || chosen.length === 0) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    this.pending.set(true);
    try {
      this.secret.set(await this.data.store.create(name.trim(), chosen));
    } catch (error) {
      this.formError.set(applyServerErrors(this.form, GraphqlRequestError.from(error)));
      focusFirstInvalid(this.host, this.injector);
    } finally {
      this.pending.set(false);
    }
  }
}
