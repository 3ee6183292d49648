import { checkMoney, describeMoneyProblem, Party } from '@bouquet/shared';
import { BadUserInputError } from '../platform/errors';
import type { OfferTermsInput } from './dto/offer.inputs';
import type { OfferRevisionEntity } from './offer.entities';

/** Terms must be in the campaign's currency, with a fee >= 0 and dates in order. */
export function checkTerms(terms: OfferTermsInput, currency: string, field = 'terms'): void {
  const problem = checkMoney(terms.fee, { allowZero: true });
  if (problem)
    throw BadUserInputError.field(`${field}.fee`, describeMoneyProblem(problem, terms.fee.currency));
  if (terms.fee.currency !== currency)
    throw BadUserInputError.field(`${field}.fee.currency`, `must be the campaign currency ${currency}`);
  if (terms.startsAt && terms.endsAt && terms.endsAt <= terms.startsAt)
    throw BadUserInputError.field(`${field}.endsAt`, 'must be after startsAt');
}

export function revisionFromTerms(
  offerId: string,
  number: number,
  terms: OfferTermsInput,
  proposedBy: Party,
  message: string | null | undefined,
): Partial<OfferRevisionEntity> {
  return {
    offerId,
    number,
    feeAmount: terms.fee.amount,
    currency: terms.fee.currency,
    streamCount: terms.streamCount,
    roseAllowance: terms.roseAllowance,
    couponDiscountPercent: terms.couponDiscountPercent ?? null,
    deliverables: terms.deliverables ?? null,
    startsAt: terms.startsAt ?? null,
    endsAt: terms.endsAt ?? null,
    proposedBy,
    message: message ?? null,
  };
}

export function otherParty(party: Party): Party {
  return party === Party.BRAND ? Party.CREATOR : Party.BRAND;
}
