import { formatMoney } from '@bouquet/shared';
import type { DiscountType } from '../../core/graphql/generated';

/** "20% off" or "$5.00 off" (a fixed amount is in the campaign's currency). */
export function describeDiscount(
  pool: { discountType: DiscountType; discountValue: string },
  currency: string | null | undefined,
): string {
  if (pool.discountType === 'PERCENT') return `${Number(pool.discountValue)}% off`;
  return currency
    ? `${formatMoney({ amount: pool.discountValue, currency })} off`
    : `${pool.discountValue} off`;
}
