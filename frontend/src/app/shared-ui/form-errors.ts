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
