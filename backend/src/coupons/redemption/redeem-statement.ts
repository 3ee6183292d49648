import { RedemptionStatus } from '@bouquet/shared';
import type { UnitOfWork } from '../../platform/database/unit-of-work';
import type { CouponFacts } from './coupon-lookup';
import type { RedemptionView } from './redemption.view';

export interface RedemptionWrite {
  facts: CouponFacts;
  brandId: string;
  idempotencyKey: string;
  requestHash: Buffer;
  customerId: string;
  orderId: string;
  orderAmount: string;
  currency: string;
  discount: string;
  /** The answer without what Postgres assigns (`id`, `redeemedAt`). */
  view: Omit<RedemptionView, 'id' | 'redeemedAt'>;
}

export type RedemptionWritten =
  | { kind: 'redeemed'; response: RedemptionView }
  | { kind: 'usageLimitReached' }
  | { kind: 'customerLimitReached' }
  /** Another request committed an answer for this key first: nothing of this one was written. */
  | { kind: 'keyTaken' };

/**
 * The whole redemption in ONE autocommit statement: use the code (conditional UPDATE: a code
 * used up changes nothing and answers no row), count the customer's use, insert the redemption
 * and store the key's answer, built from the inserted row. The statement is atomic, so a refusal
 * anywhere undoes all of it:
 * - `customer_usages_within_limit` (`uses <= use_limit`) refuses a use beyond `perCustomerLimit`;
 * - the primary key of `idempotency_keys` refuses a second answer for a key: a concurrent request
 *   with the same key waits for the first to commit, then fails whole and replays that answer.
 */
const REDEEM_SQL = `WITH used AS (
    UPDATE coupon_codes
       SET redemption_count = redemption_count + 1,
           status = CASE WHEN redemption_count + 1 >= $2 THEN 'EXHAUSTED' ELSE status END
     WHERE id = $1 AND redemption_count < $2
    RETURNING id
  ), counted AS (
    INSERT INTO customer_usages AS u (pool_id, customer_id, uses, use_limit)
    SELECT $3, $4, 1, $5 FROM used WHERE $5::int IS NOT NULL
    ON CONFLICT (pool_id, customer_id) DO UPDATE SET uses = u.uses + 1, use_limit = EXCLUDED.use_limit
    RETURNING 1
  ), redeemed AS (
    INSERT INTO redemptions (pool_id, code_id, campaign_id, creator_id, stream_id, drop_id, customer_id,
                             order_id, order_amount, currency, discount, status)
    SELECT $3, used.id, $6, $7, $8, $9, $4, $10, $11, $12, $13, '${RedemptionStatus.SUCCEEDED}' FROM used
    RETURNING id, redeemed_at
  ), answered AS (
    INSERT INTO idempotency_keys (brand_id, key, request_hash, response, status_code)
    SELECT $14, $15, $16,
           $17::jsonb || jsonb_build_object(
             'id', r.id,
             'redeemedAt', to_char(r.redeemed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
           201
      FROM redeemed r
    RETURNING response
  ) SELECT response FROM answered`;

function pgError(error: unknown): { code?: string; constraint?: string } {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  return e.driverError ?? e;
}

export async function writeRedemption(uow: UnitOfWork, w: RedemptionWrite): Promise<RedemptionWritten> {
  const f = w.facts;
  try {
    const rows = await uow.query<{ response: RedemptionView }[]>(REDEEM_SQL, [
      f.codeId,
      f.usageLimitPerCode,
      f.poolId,
      w.customerId,
      f.perCustomerLimit,
      f.campaignId,
      f.creatorId,
      f.issuedStreamId,
      f.issuedDropId,
      w.orderId,
      w.orderAmount,
      w.currency,
      w.discount,
      w.brandId,
      w.idempotencyKey,
      w.requestHash,
      JSON.stringify(w.view),
    ]);
    return rows[0] ? { kind: 'redeemed', response: rows[0].response } : { kind: 'usageLimitReached' };
  } catch (error) {
    const { code, constraint } = pgError(error);
    if (code === '23514' && constraint === 'customer_usages_within_limit')
      return { kind: 'customerLimitReached' };
    if (code === '23505' && constraint === 'idempotency_keys_pkey') return { kind: 'keyTaken' };
    throw error;
  }
}

/** Stores a refusal as the key's answer; false when another request stored an answer first. */
export async function storeRejection(
  uow: UnitOfWork,
  w: { brandId: string; idempotencyKey: string; requestHash: Buffer; response: unknown },
): Promise<boolean> {
  const rows = await uow.query<unknown[]>(
    `INSERT INTO idempotency_keys (brand_id, key, request_hash, response, status_code)
     VALUES ($1, $2, $3, $4, 422) ON CONFLICT (brand_id, key) DO NOTHING RETURNING 1`,
    [w.brandId, w.idempotencyKey, w.requestHash, JSON.stringify(w.response)],
  );
  return rows.length > 0;
}
