import { afterNextRender, ElementRef, Injector } from '@angular/core';
import { AbstractControl, FormGroup } from '@angular/forms';

/** What the API says about a rejected form: a message, and the input fields at fault (`input.email`). */
export interface ServerFormError {
  readonly message: string;
  readonly fields: readonly { field: string; message: string }[];
}

/** The message a `mat-error` shows for a control, from its validators or the server. */
export function validationMessage(control: AbstractControl, label: string): string {
  const errors = control.errors ?? {};
  if (typeof errors['server'] === 'string') return errors['server'];
  if (errors['required']) return `${label} is required.`;
  if (errors['email']) return 'Enter a valid email address.';
  if (errors['minlength'])
    return `${label} must be at least ${errors['minlength'].requiredLength} characters.`;
  if (errors['maxlength'])
    return `${label} must be at most ${errors['maxlength'].requiredLength} characters.`;
  if (errors['min']) return `${label} must be at least ${errors['min'].min}.`;
  if (errors['max']) return `${label} must be at most ${errors['max'].max}.`;
  // Validators of shared-ui/validators.ts carry their own sentence.
  for (const key of ['integer', 'money', 'custom']) if (typeof errors[key] === 'string') return errors[key];
  return `${label} is not valid.`;
}

/**
 * Puts each field error on its control (`input.email` -> `email`) and returns what is left for
 * the form as a whole: the error message when no field of the form was named, else null.
 */
export function applyServerErrors(form: FormGroup, error: ServerFormError): string | null {
  let unmatched = error.fields.length === 0;
  for (const { field, message } of error.fields) {
    const control = form.get(field.split('.').pop() ?? field);
    if (control) {
      control.setErrors({ server: message || error.message });
      control.markAsTouched();
    } else {
      unmatched = true;
    }
  }
  return unmatched ? error.message : null;
}

/** After the next render, moves focus to the first invalid field so keyboard users land on the problem. */
export function focusFirstInvalid(host: ElementRef<HTMLElement>, injector: Injector): void {
  afterNextRender(
    () =>
      host.nativeElement
        .querySelector<HTMLElement>('input.ng-invalid, mat-radio-group.ng-invalid input')
        ?.focus(),
    { injector },
  );
}

/**
 * Like applyServerErrors, for forms whose controls are not named like the API's input fields: `paths` maps
 * an API field path (or a prefix of one) to a control, e.g. `{ 'input.budget': 'budget',
 * 'input.terms.fee': 'fee' }`; the longest matching path wins, then the last segment of the field is tried.
 * Returns what is left for the form as a whole (the message when no field landed on a control), else null.
 */
export function applyServerErrorsAt(
  form: FormGroup,
  error: ServerFormError,
  paths: Readonly<Record<string, string>>,
): string | null {
  const keys = Object.keys(paths).sort((a, b) => b.length - a.length);
  let unmatched = error.fields.length === 0;
  for (const { field, message } of error.fields) {
    const key = keys.find((path) => field === path || field.startsWith(`${path}.`));
    const control = form.get(key ? paths[key] : (field.split('.').pop() ?? field));
    if (control) {
      control.setErrors({ server: message || error.message });
      control.markAsTouched();
    } else {
      unmatched = true;
    }
  }
  return unmatched ? error.message : null;
}
