import { CouponRejection, RedemptionStatus, roundToCurrency } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor';
import { TurnsByKey } from '../../platform/database/turns-by-key';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { ConflictError, RejectedError } from '../../platform/errors';
import { checkOrderAmount, CouponGuard } from './coupon-guard';
import {
  CouponLookup,
  counterRejection,
  discountFor,
  RedemptionReadRequest,
  RedemptionReads,
  REJECTION_MESSAGES,
  staticRejection,
  StoredAnswer,
} from './coupon-lookup';
import { RedemptionWrite, RedemptionWritten, storeRejection, writeRedemption } from './redeem-statement';
import { RedemptionBatches } from './redemption-batches';
import { orderedView, RedemptionView } from './redemption.view';

export interface RedeemRequest {
  code: string;
  customerId: string;
  orderId: string;
  orderAmount: { amount: string; currency: string };
  idempotencyKey: string;
}

export interface RedeemResult {
  redemption: RedemptionView;
  /** True when this is the stored answer of an earlier request with the same key and body. */
  replayed: boolean;
}

/**
 * Redeems a code with Stripe-like idempotency, in as few statements as the rules allow (R1): one
 * read of the code's facts together with the key's stored answer, then ONE atomic write
 * (`writeRedemption`: code use, customer use, redemption and the key's answer). No transaction
 * and no lock are held across round trips. Redemptions arriving together share those two
 * statements (RedemptionBatches, ADR 0012); anything a batch cannot decide is decided alone.
 * Two requests with one key: the second either finds the first's answer, or its write fails whole
 * on the key's primary key once the first commits, and it replays that answer; so a key redeems
 * at most once and every caller gets the same body. A refusal (rejection) is stored as the key's
 * answer too, then thrown (REST 422, GraphQL CONFLICT).
 * The pool row is not written: `CouponPool.redemptionCount` counts SUCCEEDED redemptions on read.
 */
@Injectable()
export class RedeemCouponService {
  /** Lone writes of one customer of a pool with a per-customer limit, one at a time (see `write`). */
  private readonly customerTurns = new TurnsByKey<RedemptionWritten>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly guard: CouponGuard,
    private readonly lookup: CouponLookup,
    private readonly batches: RedemptionBatches,
  ) {}

  async redeem(actor: Actor, request: RedeemRequest, fieldPrefix = 'input.'): Promise<RedeemResult> {
    checkOrderAmount(request.orderAmount, `${fieldPrefix}orderAmount.amount`);
    const brandId = await this.brandScope(actor, request.code);
    const hash = requestHash(request);
    const key: AnswerKey = { brandId, idempotencyKey: request.idempotencyKey, requestHash: hash };
    const { facts, stored, customerUses } = await this.read({
      code: request.code,
      brandId,
      idempotencyKey: request.idempotencyKey,
      customerId: request.customerId,
    });
    if (stored) return replay(stored, hash);

    // An API key acts for its own organization only (`brandScope`): another brand's code is NOT_FOUND.
    if (!facts || facts.brandId !== brandId) return this.reject(key, CouponRejection.NOT_FOUND);
    const early = staticRejection(facts, request.orderAmount.currency);
    if (early) return this.reject(key, early);
    // A code already used up, or a customer already at the pool's limit, is refused from the read:
    // the write would take the code's or the customer's row lock only to fail, and a burst of such
    // requests would queue on that one row (a script retrying a used code, say).
    const spent = counterRejection(facts, customerUses);
    if (spent) return this.reject(key, spent);

    const currency = request.orderAmount.currency;
    const discount = discountFor(facts, request.orderAmount.amount, currency);
    const written = await this.write({
      ...key,
      facts,
      customerId: request.customerId,
      orderId: request.orderId,
      orderAmount: request.orderAmount.amount,
      currency,
      discount,
      view: {
        code: facts.code,
        customerId: request.customerId,
        orderId: request.orderId,
        orderAmount: { amount: roundToCurrency(request.orderAmount.amount, currency), currency },
        discount: { amount: roundToCurrency(discount, currency), currency },
        status: RedemptionStatus.SUCCEEDED,
        campaignId: facts.campaignId,
        creatorId: facts.creatorId,
        streamId: facts.issuedStreamId,
        dropId: facts.issuedDropId,
        rolledBackAt: null,
      },
    });
    switch (written.kind) {
      case 'redeemed':
        return { redemption: orderedView(written.response), replayed: false };
      case 'usageLimitReached':
        return this.reject(key, CouponRejection.USAGE_LIMIT_REACHED);
      case 'customerLimitReached':
        return this.reject(key, CouponRejection.CUSTOMER_LIMIT_REACHED);
      case 'keyTaken':
        return this.replayStored(key);
    }
  }

  /** Together with the redemptions arriving at the same time (RedemptionBatches), else alone. */
  private async read(request: RedemptionReadRequest): Promise<RedemptionReads> {
    return (await this.batches.read(request)) ?? this.lookup.forRedemption(request);
  }

  /**
   * Together with others (RedemptionBatches), else alone. Lone writes of one customer of a pool
   * that limits uses per customer take turns in this process: each would lock the customer's
   * `customer_usages` row, so a burst of them (a checkout retried in a loop) would queue there,
   * every waiter holding a pooled connection, until the pool ran dry for everyone. In turn, each
   * decides at once, and once one is refused for the limit, those waiting behind it (in flight
   * at that instant) are refused too, without a statement. Inside a caller's transaction the
   * write runs directly: the transaction may already hold the row, and a turn must never wait for
   * a transaction that waits for it.
   */
  private async write(write: RedemptionWrite): Promise<RedemptionWritten> {
    const batched = await this.batches.write(write);
    if (batched) return batched;
    if (write.facts.perCustomerLimit === null || this.uow.inTransaction)
      return writeRedemption(this.uow, write);
    return this.customerTurns.run(`${write.facts.poolId}\n${write.customerId}`, async (previous) =>
      previous?.kind === 'customerLimitReached' ? previous : writeRedemption(this.uow, write),
    );
  }

  /**
   * Keys are scoped to the brand: an API key's own organization, or for people the brand of the
   * code (a code they may not see is NOT_FOUND, stored nowhere).
   */
  private async brandScope(actor: Actor, code: string): Promise<string> {
    if (actor.kind === 'apiKey') {
      this.guard.requireScope(actor);
      return actor.organizationId;
    }
    const facts = await this.guard.find(actor, code, 'write');
    if (!facts) throw new RejectedError(CouponRejection.NOT_FOUND, REJECTION_MESSAGES.NOT_FOUND);
    return facts.brandId;
  }

  /** Stores the refusal as the key's answer and throws it, or replays the answer stored first. */
  private async reject(key: AnswerKey, rejection: CouponRejection): Promise<RedeemResult> {
    const message = REJECTION_MESSAGES[rejection];
    if (await storeRejection(this.uow, { ...key, response: { error: { code: rejection, message } } }))
      throw new RejectedError(rejection, message);
    return this.replayStored(key);
  }

  /** Another request with the key committed its answer first: answer as it did. */
  private async replayStored(key: AnswerKey): Promise<RedeemResult> {
    const { stored } = await this.lookup.forRedemption({
      code: '',
      brandId: key.brandId,
      idempotencyKey: key.idempotencyKey,
      customerId: '',
    });
    if (!stored) throw new Error(`The stored answer of Idempotency-Key ${key.idempotencyKey} is missing`);
    return replay(stored, key.requestHash);
  }
}

interface AnswerKey {
  brandId: string;
  idempotencyKey: string;
  requestHash: Buffer;
}

/** The stored answer of an earlier request with this key: the same body again, or 409 for another. */
function replay(stored: StoredAnswer, hash: Buffer): RedeemResult {
  if (stored.requestHash !== hash.toString('hex'))
    throw new ConflictError(
      'This Idempotency-Key was already used with a different request; use a new key for a new request',
    );
  const { response } = stored;
  if ('error' in response) throw new RejectedError(response.error.code, response.error.message);
  return { redemption: orderedView(response), replayed: true };
}

/** What "the same request" means: the body fields, in a fixed order, as sent. */
function requestHash(request: RedeemRequest): Buffer {
  return createHash('sha256')
    .update(
      JSON.stringify([
        request.code,
        request.customerId,
        request.orderId,
        request.orderAmount.amount,
        request.orderAmount.currency,
      ]),
    )
    .digest();
}
