import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  PendingTasks,
  signal,
} from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MatCard,
  MatCardContent,
  MatCardHeader,
  MatCardSubtitle,
  MatCardTitle,
} from '@angular/material/card';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { applyServerErrors, focusFirstInvalid, validationMessage } from '../../shared-ui/form-errors';
import { GraphqlRequestError } from '../graphql/graphql-error';
import { PASSWORD_MIN_LENGTH } from './auth.models';
import { AuthStore } from './auth-store';

@Component({
  selector: 'app-login-page',
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
    MatInput,
  ],
  templateUrl: './login-page.html',
  styleUrl: './auth-page.scss',
})
export class LoginPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly tasks = inject(PendingTasks);

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH)]],
  });
  protected readonly pending = this.auth.pending;
  protected readonly formError = signal<string | null>(null);
  protected readonly message = validationMessage;
  protected readonly passwordMinLength = PASSWORD_MIN_LENGTH;

  /** Tracked as a pending task, so the app (and a test's whenStable) waits for the answer. */
  protected submit(): void {
    this.tasks.run(() => this.send());
  }

  private async send(): Promise<void> {
    this.formError.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host, this.injector);
      return;
    }
    const { email, password } = this.form.getRawValue();
    try {
      await this.auth.logIn(email.trim(), password);
      await this.router.navigateByUrl(safeReturnUrl(this.route.snapshot.queryParamMap.get('returnUrl')));
    } catch (error) {
      this.formError.set(applyServerErrors(this.form, GraphqlRequestError.from(error)));
      focusFirstInvalid(this.host, this.injector);
    }
  }
}

/** Only paths inside the portal, so a crafted link cannot send the user elsewhere after logging in. */
function safeReturnUrl(returnUrl: string | null): string {
  return returnUrl && returnUrl.startsWith('/') && !returnUrl.startsWith('//') ? returnUrl : '/app';
}
