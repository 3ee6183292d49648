import { CouponRejection } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../platform/auth/actor';
import { RateLimit, RateLimitService } from '../../platform/rate-limit/rate-limit.service';
import { ValidateCouponInput } from '../dto/coupon.inputs';
import { checkOrderAmount, CouponGuard } from './coupon-guard';
import { CouponLookup, discountFor, staticRejection } from './coupon-lookup';

export interface CouponValidation {
  valid: boolean;
  rejection: CouponRejection | null;
  discount: { amount: string; currency: string } | null;
}

/** Enough for a busy checkout, far too few to enumerate a keyspace of 31^6 and more. */
export const VALIDATE_PER_CALLER: RateLimit = {
  name: 'coupon-validate-caller',
  points: 600,
  durationSeconds: 60,
};
export const VALIDATE_PER_IP: RateLimit = { name: 'coupon-validate-ip', points: 1200, durationSeconds: 60 };

/** Answers whether a code would be accepted for an order now, and its discount. No side effects. */
@Injectable()
export class ValidateCouponService {
  constructor(
    private readonly guard: CouponGuard,
    private readonly lookup: CouponLookup,
    private readonly rateLimits: RateLimitService,
  ) {}

  async validate(
    actor: Actor,
    input: ValidateCouponInput,
    ip: string | undefined,
    fieldPrefix = 'input.',
  ): Promise<CouponValidation> {
    const caller = actor.kind === 'apiKey' ? `key:${actor.keyId}` : `user:${actor.userId}`;
    await this.rateLimits.consume(VALIDATE_PER_CALLER, caller);
    if (ip) await this.rateLimits.consume(VALIDATE_PER_IP, ip);
    checkOrderAmount(input.orderAmount, `${fieldPrefix}orderAmount.amount`);
    const rejected = (rejection: CouponRejection): CouponValidation => ({
      valid: false,
      rejection,
      discount: null,
    });

    const facts = await this.guard.find(actor, input.code, 'read');
    if (!facts) return rejected(CouponRejection.NOT_FOUND);
    const early = staticRejection(facts, input.orderAmount.currency);
    if (early) return rejected(early);
    if (facts.redemptionCount >= facts.usageLimitPerCode)
      return rejected(CouponRejection.USAGE_LIMIT_REACHED);
    if (
      facts.perCustomerLimit !== null &&
      (await this.lookup.customerUses(facts.poolId, input.customerId)) >= facts.perCustomerLimit
    )
      return rejected(CouponRejection.CUSTOMER_LIMIT_REACHED);
    return {
      valid: true,
      rejection: null,
      discount: {
        amount: discountFor(facts, input.orderAmount.amount, input.orderAmount.currency),
        currency: input.orderAmount.currency,
      },
    };
  }
}
