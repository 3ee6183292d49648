import {
  checkMoney,
  Dec,
  describeMoneyProblem,
  isCurrency,
  MAX_AMOUNT,
  minorUnits,
  roundToCurrency,
} from '@bouquet/shared';
import { BadUserInputError } from '../platform/errors';
import type { MoneyType } from '../platform/graphql/money.types';
import type { CampaignEntity } from './campaign.entity';

export const DEFAULT_ROSE_UNIT_PRICE = '0.01';
const PRICE = /^(0|[1-9]\d{0,15})(\.\d{1,6})?$/;

/** A budget: > 0, a real ISO-4217 currency, at most its minor units, at most 10^12. */
export function checkBudget(value: { amount: unknown; currency: unknown }, field: string): void {
  const problem = checkMoney(value);
  if (problem) throw BadUserInputError.field(field, describeMoneyProblem(problem, value.currency));
}

/** A rose price: > 0, in the campaign currency, at most 6 decimals (the column's scale), at most 10^12. */
export function checkRoseUnitPrice(
  value: { amount: unknown; currency: unknown },
  currency: string,
  field: string,
) {
  if (!isCurrency(value.currency))
    throw BadUserInputError.field(
      `${field}.currency`,
      `currency ${String(value.currency)} is not an ISO-4217 code`,
    );
  if (value.currency !== currency)
    throw BadUserInputError.field(`${field}.currency`, `must be in the campaign currency ${currency}`);
  if (typeof value.amount !== 'string' || !PRICE.test(value.amount))
    throw BadUserInputError.field(field, 'amount must be a decimal with at most 6 decimals');
  const amount = new Dec(value.amount);
  if (amount.lte(0)) throw BadUserInputError.field(field, 'amount must be positive');
  if (amount.gt(MAX_AMOUNT))
    throw BadUserInputError.field(field, 'amount is larger than the platform allows');
}

function money(amount: string, currency: string): MoneyType {
  return { amount: roundToCurrency(amount, currency), currency };
}

export function campaignMoney(c: CampaignEntity) {
  const remaining = Dec.max(0, new Dec(c.budget).minus(c.spent).minus(c.reserved));
  const price = new Dec(c.roseUnitPrice);
  return {
    budget: money(c.budget, c.currency),
    spent: money(c.spent, c.currency),
    reserved: money(c.reserved, c.currency),
    remaining: money(remaining.toFixed(), c.currency),
    roseUnitPrice: {
      amount: price.toFixed(Math.max(minorUnits(c.currency), price.decimalPlaces())),
      currency: c.currency,
    },
  };
}
