import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  Injector,
  PendingTasks,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MatCard,
  MatCardContent,
  MatCardHeader,
  MatCardSubtitle,
  MatCardTitle,
} from '@angular/material/card';
import { MatError, MatFormField, MatHint, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';
import { applyServerErrors, focusFirstInvalid, validationMessage } from '../../shared-ui/form-errors';
import { GraphqlRequestError } from '../graphql/graphql-error';
import { OrganizationKindValue, PASSWORD_MIN_LENGTH, SignUpInput } from './auth.models';
import { AuthStore } from './auth-store';

const KINDS: readonly { value: OrganizationKindValue; label: string; hint: string }[] = [
  { value: 'BRAND', label: 'Brand', hint: 'I sponsor drops and coupon codes' },
  { value: 'CREATOR', label: 'Creator', hint: 'I host live streams' },
  { value: 'AGENCY', label: 'Agency', hint: 'I run campaigns for brands' },
];

@Component({
  selector: 'app-signup-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButton,
    MatCard,
    MatCardHeader,
    MatCardTitle,
    MatCardSubtitle,
    MatCardContent,
    MatFormField,
    MatLabel,
    MatHint,
    MatError,
    MatPrefix,
    MatInput,
    MatRadioGroup,
    MatRadioButton,
  ],
  templateUrl: './signup-page.html',
  styleUrls: ['./auth-page.scss', './signup-page.scss'],
})
export class SignupPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly tasks = inject(PendingTasks);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly form = this.fb.group({
    organizationKind: this.fb.control<OrganizationKindValue | null>(null, Validators.required),
    displayName: ['', Validators.required],
    organizationName: ['', Validators.required],
    creatorHandle: [{ value: '', disabled: true }, Validators.required],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });
  protected readonly kinds = KINDS;
  protected readonly isCreator = toSignal(
    this.form.controls.organizationKind.valueChanges.pipe(map((kind) => kind === 'CREATOR')),
    { initialValue: false },
  );
  protected readonly pending = this.auth.pending;
  protected readonly formError = signal<string | null>(null);
  protected readonly message = validationMessage;
  protected readonly passwordMinLength = PASSWORD_MIN_LENGTH;

  constructor() {
    // The handle only counts (and is only validated) for creators.
    effect(() => {
      const handle = this.form.controls.creatorHandle;
      if (this.isCreator()) handle.enable();
      else handle.disable();
    });
  }

  /** Tracked as a pending task, so the app (and a test's whenStable) waits for the answer. */
  protected submit(): void {
    this.tasks.run(() => this.send());
  }

  private async send(): Promise<void> {
    this.formError.set(null);
    const { organizationKind, creatorHandle, email, password, displayName, organizationName } =
      this.form.getRawValue();
    if (this.form.invalid || !organizationKind) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    const input: SignUpInput = {
      email: email.trim(),
      password,
      displayName: displayName.trim(),
      organizationName: organizationName.trim(),
      organizationKind,
      ...(this.isCreator() ? { creatorHandle: creatorHandle.trim().replace(/^@/, '') } : {}),
    };
    try {
      await this.auth.signUp(input);
      await this.router.navigateByUrl('/app');
    } catch (error) {
      this.formError.set(applyServerErrors(this.form, GraphqlRequestError.from(error)));
      focusFirstInvalid(this.host, this.injector);
    }
  }
}
