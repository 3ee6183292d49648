import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { checkMoney, describeMoneyProblem } from '@bouquet/shared';

/** A whole number (empty passes; pair with Validators.required). Message: "`label` must be a whole number." */
export function integer(label: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = control.value;
    if (value === null || value === undefined || value === '') return null;
    return Number.isInteger(Number(value)) ? null : { integer: `${label} must be a whole number.` };
  };
}

/**
 * A money amount typed by a person ("1250", "19.99") that the API will accept in `currency()`: a decimal
 * with no more decimals than the currency has, positive (or zero with `allowZero`). Empty passes.
 */
export function moneyAmount(
  label: string,
  currency: () => string | null | undefined,
  opts: { allowZero?: boolean } = {},
): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const raw = control.value;
    if (raw === null || raw === undefined || String(raw).trim() === '') return null;
    const code = currency();
    if (!code) return null;
    const amount = normalizeAmount(String(raw));
    const problem = checkMoney({ amount, currency: code }, { allowZero: opts.allowZero });
    return problem ? { money: `${label}: ${describeMoneyProblem(problem, code)}.` } : null;
  };
}

/** "1,250.50 " -> "1250.50"; "12." -> "12". What people type, as the API's decimal string. */
export function normalizeAmount(raw: string): string {
  const cleaned = raw.trim().replace(/[\s,]/g, '');
  return cleaned.endsWith('.') ? cleaned.slice(0, -1) : cleaned;
}

/**
 * For the later of two date fields (`datetime-local` values): must be after `earlier` of the same group.
 * Re-run it when the earlier field changes (`updateValueAndValidity`).
 */
export function after(earlier: string, message: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const start = control.parent?.get(earlier)?.value as string | undefined;
    const end = control.value as string | undefined;
    if (!start || !end) return null;
    return new Date(end).getTime() > new Date(start).getTime() ? null : { custom: message };
  };
}

/** A `datetime-local` value that lies in the future. */
export function inFuture(message: string): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = control.value as string | undefined;
    if (!value) return null;
    return new Date(value).getTime() > Date.now() ? null : { custom: message };
  };
}
