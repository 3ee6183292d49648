import { ElementRef, inject, Injector, signal } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel, MatSuffix } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { MatOption, MatSelect } from '@angular/material/select';
import { GraphqlRequestError } from '../core/graphql/graphql-error';
import { applyServerErrorsAt, focusFirstInvalid } from './form-errors';

/** What the portal's form pages put in `imports`: reactive forms and the Material fields they use. */
export const FORM_IMPORTS = [
  ReactiveFormsModule,
  MatButton,
  MatFormField,
  MatLabel,
  MatError,
  MatHint,
  MatSuffix,
  MatInput,
  MatSelect,
  MatOption,
  MatRadioGroup,
  MatRadioButton,
] as const;

export interface FormSubmissionOptions {
  /**
   * Where the API's BAD_USER_INPUT `fields` land: an API field path (or a prefix of one) to a control name,
   * e.g. `{ 'input.budget': 'budget' }`; unlisted fields try their last segment (`input.name` -> `name`).
   */
  readonly fields?: Readonly<Record<string, string>>;
  /** Other error codes that belong to one control, e.g. `{ BUDGET_EXCEEDED: 'budget' }`. */
  readonly codes?: Readonly<Record<string, string>>;
}

/**
 * The API-error wiring of a form page, made in its injection context:
 * `protected readonly submission = formSubmission(this.form, { fields: FIELD_PATHS });`
 * then `if (this.submission.blocked()) return;` before sending, and `await this.submission.run(() => …)`.
 * A refusal with fields (BAD_USER_INPUT) puts each message on its control; what belongs to no control
 * (another code, a network failure) is `error()`, for the `.form-error` line above the form. Either way the
 * focus moves to the first field at fault.
 */
export class FormSubmission {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly errorState = signal<string | null>(null);
  private readonly savingState = signal(false);

  /** The message for the form as a whole, or null. */
  readonly error = this.errorState.asReadonly();
  /** True while `run` waits for the API. */
  readonly saving = this.savingState.asReadonly();

  constructor(
    private readonly form: FormGroup,
    private readonly options: FormSubmissionOptions = {},
  ) {}

  /** Clears the last error; when the form breaks its own rules, shows them, focuses the first and says true. */
  blocked(): boolean {
    this.errorState.set(null);
    if (this.form.valid) return false;
    this.form.markAllAsTouched();
    this.focusProblem();
    return true;
  }

  /** Shows a message of the page's own about the form as a whole (null clears it). */
  fail(message: string | null): void {
    this.errorState.set(message);
  }

  /** Sends the request; resolves its answer, or undefined when it failed (the failure is then on screen). */
  async run<T>(request: () => Promise<T>): Promise<T | undefined> {
    this.errorState.set(null);
    this.savingState.set(true);
    try {
      return await request();
    } catch (error) {
      this.show(GraphqlRequestError.from(error));
      return undefined;
    } finally {
      this.savingState.set(false);
    }
  }

  private show(failure: GraphqlRequestError): void {
    const controlName = failure.code ? this.options.codes?.[failure.code] : undefined;
    const control = controlName ? this.form.get(controlName) : null;
    if (control) {
      control.setErrors({ server: failure.message });
      control.markAsTouched();
    } else if (failure.code === 'BAD_USER_INPUT') {
      this.errorState.set(applyServerErrorsAt(this.form, failure, this.options.fields ?? {}));
    } else {
      this.errorState.set(failure.message);
    }
    this.focusProblem();
  }

  private focusProblem(): void {
    focusFirstInvalid(this.host, this.injector);
  }
}

/** A FormSubmission for `form` (call in a component's injection context: a field initializer). */
export function formSubmission(form: FormGroup, options?: FormSubmissionOptions): FormSubmission {
  return new FormSubmission(form, options);
}
