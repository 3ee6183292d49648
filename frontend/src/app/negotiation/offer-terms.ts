import { NonNullableFormBuilder, Validators } from '@angular/forms';
import { Dec, formatMoney } from '@bouquet/shared';
import type { OfferTermsInput, ThreadTermsFieldsFragment } from '../core/graphql/generated';
import { fromLocalInput, toLocalInput } from '../shared-ui/datetime';
import { after, integer, moneyAmount, normalizeAmount } from '../shared-ui/validators';

export type OfferTerms = Omit<ThreadTermsFieldsFragment, '__typename'>;
export type TermKey = keyof OfferTerms;

/** The order and names terms are shown in, everywhere. */
export const TERM_LABELS: readonly { key: TermKey; label: string }[] = [
  { key: 'fee', label: 'Fee' },
  { key: 'streamCount', label: 'Sponsored streams' },
  { key: 'roseAllowance', label: 'Rose allowance' },
  { key: 'couponDiscountPercent', label: 'Coupon discount' },
  { key: 'startsAt', label: 'Starts' },
  { key: 'endsAt', label: 'Ends' },
  { key: 'deliverables', label: 'Deliverables' },
];

const sameInstant = (a: string | null, b: string | null) =>
  a === b || (!!a && !!b && new Date(a).getTime() === new Date(b).getTime());

/** The terms a revision changed compared with the one before it (all of them for the first revision). */
export function changedTerms(
  previous: OfferTerms | null | undefined,
  next: OfferTerms,
): ReadonlySet<TermKey> {
  if (!previous) return new Set();
  const changed = new Set<TermKey>();
  if (
    previous.fee.currency !== next.fee.currency ||
    !new Dec(previous.fee.amount).equals(new Dec(next.fee.amount))
  )
    changed.add('fee');
  if (previous.streamCount !== next.streamCount) changed.add('streamCount');
  if (previous.roseAllowance !== next.roseAllowance) changed.add('roseAllowance');
  if ((previous.couponDiscountPercent ?? null) !== (next.couponDiscountPercent ?? null))
    changed.add('couponDiscountPercent');
  if ((previous.deliverables ?? '').trim() !== (next.deliverables ?? '').trim()) changed.add('deliverables');
  if (!sameInstant(previous.startsAt, next.startsAt)) changed.add('startsAt');
  if (!sameInstant(previous.endsAt, next.endsAt)) changed.add('endsAt');
  return changed;
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

/** One term as people read it: "$1,200.00", "3 streams", "5,000 roses", "15% off", "Dec 1, 2026". */
export function formatTerm(terms: OfferTerms, key: TermKey): string {
  switch (key) {
    case 'fee':
      return formatMoney(terms.fee);
    case 'streamCount':
      return `${terms.streamCount} ${terms.streamCount === 1 ? 'stream' : 'streams'}`;
    case 'roseAllowance':
      return `${new Intl.NumberFormat('en-US').format(terms.roseAllowance)} roses`;
    case 'couponDiscountPercent':
      return terms.couponDiscountPercent == null ? 'None' : `${terms.couponDiscountPercent}% off`;
    case 'startsAt':
    case 'endsAt': {
      const value = terms[key];
      return value ? dateFormat.format(new Date(value)) : 'Open';
    }
    case 'deliverables':
      return terms.deliverables?.trim() || 'Not specified';
  }
}

/** The controls of a terms form: strings for what people type, numbers for counts. */
export function termsForm(fb: NonNullableFormBuilder, currency: () => string, initial?: OfferTerms | null) {
  const form = fb.group({
    fee: [
      initial ? initial.fee.amount : '',
      [Validators.required, moneyAmount('Fee', currency, { allowZero: true })],
    ],
    streamCount: [
      initial?.streamCount ?? 1,
      [Validators.required, Validators.min(1), Validators.max(1000), integer('Sponsored streams')],
    ],
    roseAllowance: [
      initial?.roseAllowance ?? 0,
      [Validators.required, Validators.min(0), Validators.max(1_000_000_000), integer('Rose allowance')],
    ],
    couponDiscountPercent: fb.control<number | null>(initial?.couponDiscountPercent ?? null, [
      Validators.min(1),
      Validators.max(100),
      integer('Coupon discount'),
    ]),
    deliverables: [initial?.deliverables ?? '', [Validators.maxLength(4000)]],
    startsAt: [toLocalInput(initial?.startsAt)],
    endsAt: [toLocalInput(initial?.endsAt), [after('startsAt', 'The end must be after the start.')]],
  });
  form.controls.startsAt.valueChanges.subscribe(() => form.controls.endsAt.updateValueAndValidity());
  return form;
}

export type TermsForm = ReturnType<typeof termsForm>;

/** The API input from a valid terms form. */
export function termsInput(form: TermsForm, currency: string): OfferTermsInput {
  const value = form.getRawValue();
  const discount = value.couponDiscountPercent as number | string | null;
  return {
    fee: { amount: normalizeAmount(String(value.fee)), currency },
    streamCount: Number(value.streamCount),
    roseAllowance: Number(value.roseAllowance),
    couponDiscountPercent: discount === null || discount === '' ? null : Number(discount),
    deliverables: value.deliverables.trim() || null,
    startsAt: fromLocalInput(value.startsAt) ?? null,
    endsAt: fromLocalInput(value.endsAt) ?? null,
  };
}

/** Where the API's field errors about terms land in a terms form (`input.terms.fee.amount` -> fee). */
export function termsFieldPaths(prefix: string, controlPrefix = ''): Record<string, string> {
  const paths: Record<string, string> = {};
  for (const { key } of TERM_LABELS) paths[`${prefix}.${key}`] = `${controlPrefix}${key}`;
  return paths;
}
