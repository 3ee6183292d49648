import { ApiScope, checkMoney, describeMoneyProblem } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { AccessPolicy, Permission } from '../../identity/access/access-policy.service';
import type { Actor } from '../../platform/auth/actor';
import { BadUserInputError, NotFoundError } from '../../platform/errors';
import { COUPON_POOL } from '../pools/coupon-access';
import { CouponFacts, CouponLookup } from './coupon-lookup';

/**
 * Finds a code for an actor: unknown codes and codes of another brand look the same (null, i.e.
 * NOT_FOUND), so a caller learns nothing about other tenants' codes.
 */
@Injectable()
export class CouponGuard {
  constructor(
    private readonly lookup: CouponLookup,
    private readonly access: AccessPolicy,
  ) {}

  /** Checkout paths need the REDEMPTIONS_WRITE scope on API keys; people are checked per pool. */
  requireScope(actor: Actor): void {
    this.access.requireScope(actor, ApiScope.REDEMPTIONS_WRITE);
  }

  async find(actor: Actor, code: string, permission: Permission): Promise<CouponFacts | null> {
    this.requireScope(actor);
    const facts = await this.lookup.byCode(code);
    if (!facts) return null;
    try {
      await this.access.require(actor, COUPON_POOL, [facts.poolId], permission);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
    return facts;
  }
}

/** The order amount must be a valid amount of its own currency (field errors otherwise). */
export function checkOrderAmount(amount: { amount: string; currency: string }, field: string): void {
  const problem = checkMoney(amount, { allowZero: true });
  if (problem) throw BadUserInputError.field(field, describeMoneyProblem(problem, amount.currency));
}
