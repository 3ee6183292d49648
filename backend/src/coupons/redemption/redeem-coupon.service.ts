import { CouponRejection, RedemptionStatus } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { ConflictError, RejectedError } from '../../platform/errors';
import { checkOrderAmount, CouponGuard } from './coupon-guard';
import { discountFor, REJECTION_MESSAGES, staticRejection } from './coupon-lookup';
import {
  orderedView,
  REDEMPTION_COLUMNS,
  RedemptionRow,
  RedemptionView,
  toRedemptionView,
} from './redemption.view';

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

type Outcome = { redemption: RedemptionView } | { rejection: CouponRejection };

interface StoredAnswer {
  request_hash: Buffer;
  response: RedemptionView | { error: { code: CouponRejection; message: string } };
  status_code: number;
}

/**
 * Redeems a code with Stripe-like idempotency. Everything happens in one transaction that first
 * takes an advisory lock on (brand, key): concurrent requests with one key queue behind it and
 * then find the stored answer, so a key redeems at most once and every caller gets the same body.
 * The use itself is one conditional UPDATE (no read-then-write), the per-customer limit one
 * conditional upsert, both undone together (savepoint) when either refuses. The pool row is not
 * written: redemptions of different codes of one pool share no row lock, and
 * `CouponPool.redemptionCount` counts SUCCEEDED redemptions on read.
 */
@Injectable()
export class RedeemCouponService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly guard: CouponGuard,
  ) {}

  async redeem(actor: Actor, request: RedeemRequest, fieldPrefix = 'input.'): Promise<RedeemResult> {
    checkOrderAmount(request.orderAmount, `${fieldPrefix}orderAmount.amount`);
    const brandId = await this.brandScope(actor, request.code);
    const hash = requestHash(request);
    const answer = await this.uow.run(async () => {
      await this.uow.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
        `coupon-redeem:${brandId}:${request.idempotencyKey}`,
      ]);
      const [stored] = await this.uow.query<StoredAnswer[]>(
        `SELECT request_hash, response, status_code FROM idempotency_keys WHERE brand_id = $1 AND key = $2`,
        [brandId, request.idempotencyKey],
      );
      if (stored) {
        if (!Buffer.from(stored.request_hash).equals(hash))
          throw new ConflictError(
            'This Idempotency-Key was already used with a different request; use a new key for a new request',
          );
        return { stored, replayed: true };
      }
      const outcome = await this.attempt(actor, brandId, request);
      const response =
        'redemption' in outcome
          ? outcome.redemption
          : { error: { code: outcome.rejection, message: REJECTION_MESSAGES[outcome.rejection] } };
      const status = 'redemption' in outcome ? 201 : 422;
      await this.uow.query(
        `INSERT INTO idempotency_keys (brand_id, key, request_hash, response, status_code) VALUES ($1, $2, $3, $4, $5)`,
        [brandId, request.idempotencyKey, hash, JSON.stringify(response), status],
      );
      return { stored: { request_hash: hash, response, status_code: status }, replayed: false };
    });
    const { response } = answer.stored;
    // A rejection is committed as the key's answer too, then thrown (REST 422, GraphQL CONFLICT).
    if ('error' in response) throw new RejectedError(response.error.code, response.error.message);
    return { redemption: orderedView(response), replayed: answer.replayed };
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

  private async attempt(actor: Actor, brandId: string, request: RedeemRequest): Promise<Outcome> {
    const facts = await this.guard.find(actor, request.code, 'write');
    if (!facts || facts.brandId !== brandId) return { rejection: CouponRejection.NOT_FOUND };
    const early = staticRejection(facts, request.orderAmount.currency);
    if (early) return { rejection: early };

    await this.uow.query(`SAVEPOINT coupon_use`);
    const [used] = await this.uow.query<[{ id: string }[], number]>(
      `UPDATE coupon_codes
          SET redemption_count = redemption_count + 1,
              status = CASE WHEN redemption_count + 1 >= $2 THEN 'EXHAUSTED' ELSE status END
        WHERE id = $1 AND redemption_count < $2
        RETURNING id`,
      [facts.codeId, facts.usageLimitPerCode],
    );
    if (used.length === 0) {
      await this.uow.query(`ROLLBACK TO SAVEPOINT coupon_use`);
      return { rejection: CouponRejection.USAGE_LIMIT_REACHED };
    }
    if (facts.perCustomerLimit !== null) {
      const counted = await this.uow.query<{ uses: number }[]>(
        `INSERT INTO customer_usages AS u (pool_id, customer_id, uses) VALUES ($1, $2, 1)
         ON CONFLICT (pool_id, customer_id) DO UPDATE SET uses = u.uses + 1 WHERE u.uses < $3
         RETURNING uses`,
        [facts.poolId, request.customerId, facts.perCustomerLimit],
      );
      if (counted.length === 0) {
        await this.uow.query(`ROLLBACK TO SAVEPOINT coupon_use`);
        return { rejection: CouponRejection.CUSTOMER_LIMIT_REACHED };
      }
    }
    await this.uow.query(`RELEASE SAVEPOINT coupon_use`);

    const currency = request.orderAmount.currency;
    const [{ id }] = await this.uow.query<{ id: string }[]>(
      `INSERT INTO redemptions (pool_id, code_id, campaign_id, creator_id, stream_id, drop_id, customer_id,
                                order_id, order_amount, currency, discount, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        facts.poolId,
        facts.codeId,
        facts.campaignId,
        facts.creatorId,
        facts.issuedStreamId,
        facts.issuedDropId,
        request.customerId,
        request.orderId,
        request.orderAmount.amount,
        currency,
        discountFor(facts, request.orderAmount.amount, currency),
        RedemptionStatus.SUCCEEDED,
      ],
    );
    const [row] = await this.uow.query<RedemptionRow[]>(
      `SELECT ${REDEMPTION_COLUMNS} FROM redemptions r JOIN coupon_codes k ON k.id = r.code_id WHERE r.id = $1`,
      [id],
    );
    return { redemption: toRedemptionView(row) };
  }
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
