import Decimal from 'decimal.js';
import { isCurrency, minorUnits } from './currencies';

/** Money is an exact decimal amount as a string plus an ISO-4217 code. Never a float. */
export interface Money {
  amount: string;
  currency: string;
}

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
export { D as Dec };

/** The largest amount the platform accepts anywhere (10^12). */
export const MAX_AMOUNT = new D('1e12');
const DECIMAL_PATTERN = /^-?(0|[1-9]\d{0,15})(\.\d{1,10})?$/;

export type MoneyProblem =
  | 'not a decimal number'
  | 'unknown currency'
  | 'too many decimals for the currency'
  | 'must be positive'
  | 'must not be negative'
  | 'too large';

export interface MoneyCheck {
  /** Require > 0 (default) or >= 0. */
  allowZero?: boolean;
  max?: Decimal.Value;
}

/** Returns what is wrong with a money value, or null when it is acceptable. */
export function checkMoney(
  value: { amount: unknown; currency: unknown },
  opts: MoneyCheck = {},
): MoneyProblem | null {
  if (!isCurrency(value.currency)) return 'unknown currency';
  if (typeof value.amount !== 'string' || !DECIMAL_PATTERN.test(value.amount)) return 'not a decimal number';
  const amount = new D(value.amount);
  if (amount.decimalPlaces() > minorUnits(value.currency)) return 'too many decimals for the currency';
  if (opts.allowZero ? amount.isNegative() && !amount.isZero() : amount.lte(0))
    return opts.allowZero ? 'must not be negative' : 'must be positive';
  if (amount.gt(opts.max ?? MAX_AMOUNT)) return 'too large';
  return null;
}

/** Explains a MoneyProblem in a sentence for users. */
export function describeMoneyProblem(problem: MoneyProblem, currency?: unknown): string {
  switch (problem) {
    case 'unknown currency':
      return `currency ${String(currency)} is not an ISO-4217 code`;
    case 'too many decimals for the currency':
      return `amount has more decimals than ${String(currency)} allows (${isCurrency(currency) ? minorUnits(currency) : '?'})`;
    case 'too large':
      return 'amount is larger than the platform allows';
    default:
      return `amount ${problem}`;
  }
}

/** Formats a decimal to exactly the currency's minor units, rounding half-even. */
export function roundToCurrency(amount: Decimal.Value, currency: string): string {
  return new D(amount).toDecimalPlaces(minorUnits(currency), D.ROUND_HALF_EVEN).toFixed(minorUnits(currency));
}

export function money(amount: Decimal.Value, currency: string): Money {
  return { amount: roundToCurrency(amount, currency), currency };
}

export function zero(currency: string): Money {
  return money(0, currency);
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) throw new RangeError(`Currency mismatch: ${a.currency} vs ${b.currency}`);
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(new D(a.amount).plus(b.amount), a.currency);
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(new D(a.amount).minus(b.amount), a.currency);
}

export function multiplyMoney(a: Money, factor: Decimal.Value): Money {
  return money(new D(a.amount).times(factor), a.currency);
}

export function compareMoney(a: Money, b: Money): -1 | 0 | 1 {
  sameCurrency(a, b);
  return new D(a.amount).comparedTo(b.amount) as -1 | 0 | 1;
}

/** Display form, e.g. "$1,250.00" for USD in en-US. */
export function formatMoney(m: Money, locale = 'en-US'): string {
  const digits = minorUnits(m.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Number(m.amount));
}
