import { RedemptionStatus } from '@bouquet/shared';
import { isTransient, pgErrorOf } from '../../platform/database/pg-errors';
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
 * Redemptions in ONE autocommit statement, one or many (a group commit, see RedemptionBatches):
 * use each code (conditional UPDATE: a code used up changes nothing and answers no row), count
 * the customer's use, insert the redemption and store the key's answer, built from the inserted
 * row. The statement is atomic, so a refusal anywhere undoes all of it:
 * - `customer_usages_within_limit` (`uses <= use_limit`) refuses a use beyond `perCustomerLimit`;
 * - the primary key of `idempotency_keys` refuses a second answer for a key: a concurrent request
 *   with the same key waits for the first to commit, then fails whole and replays that answer.
 * Several redemptions in one statement must have distinct codes, keys and (for pools with a
 * per-customer limit) customers, and come in code order: two statements locking the same codes
 * lock them in the same order.
 */
const REDEEM_SQL = `WITH req AS (
    SELECT * FROM unnest($1::bigint[], $2::int[], $3::uuid[], $4::text[], $5::int[], $6::uuid[], $7::uuid[],
                         $8::uuid[], $9::uuid[], $10::text[], $11::numeric[], $12::text[], $13::numeric[],
                         $14::uuid[], $15::text[], $16::text[], $17::text[])
      AS r(code_id, usage_limit, pool_id, customer_id, customer_limit, campaign_id, creator_id, stream_id,
           drop_id, order_id, order_amount, currency, discount, brand_id, key, request_hash, view)
  ), used AS (
    UPDATE coupon_codes k
       SET redemption_count = k.redemption_count + 1,
           status = CASE WHEN k.redemption_count + 1 >= r.usage_limit THEN 'EXHAUSTED' ELSE k.status END
      FROM req r
     WHERE k.id = r.code_id AND k.redemption_count < r.usage_limit
    RETURNING k.id
  ), counted AS (
    INSERT INTO customer_usages AS u (pool_id, customer_id, uses, use_limit)
    SELECT r.pool_id, r.customer_id, 1, r.customer_limit FROM req r JOIN used ON used.id = r.code_id
     WHERE r.customer_limit IS NOT NULL
    ON CONFLICT (pool_id, customer_id) DO UPDATE SET uses = u.uses + 1, use_limit = EXCLUDED.use_limit
    RETURNING 1
  ), redeemed AS (
    INSERT INTO redemptions (pool_id, code_id, campaign_id, creator_id, stream_id, drop_id, customer_id,
                             order_id, order_amount, currency, discount, status)
    SELECT r.pool_id, r.code_id, r.campaign_id, r.creator_id, r.stream_id, r.drop_id, r.customer_id,
           r.order_id, r.order_amount, r.currency, r.discount, '${RedemptionStatus.SUCCEEDED}'
      FROM req r JOIN used ON used.id = r.code_id
    RETURNING id, code_id, redeemed_at
  ), answered AS (
    INSERT INTO idempotency_keys (brand_id, key, request_hash, response, status_code)
    SELECT r.brand_id, r.key, decode(r.request_hash, 'hex'),
           r.view::jsonb || jsonb_build_object(
             'id', d.id,
             'redeemedAt', to_char(d.redeemed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
           201
      FROM redeemed d JOIN req r ON r.code_id = d.code_id
    RETURNING brand_id, key, response
  ) SELECT brand_id AS "brandId", key, response->>'id' AS id, response->>'redeemedAt' AS "redeemedAt"
      FROM answered`;

/**
 * Writes redemptions in one statement (see REDEEM_SQL for what the caller guarantees). Per write,
 * in order: the stored answer, or `usageLimitReached` when its code was used up. Throws the
 * statement's error (nothing was written): the caller decides each write alone then.
 */
export async function writeRedemptions(
  uow: UnitOfWork,
  writes: RedemptionWrite[],
): Promise<Extract<RedemptionWritten, { kind: 'redeemed' | 'usageLimitReached' }>[]> {
  const col = <T>(pick: (w: RedemptionWrite) => T) => writes.map(pick);
  const rows = await uow.prepared<{ brandId: string; key: string; id: string; redeemedAt: string }>(
    'redeem',
    REDEEM_SQL,
    [
      col((w) => w.facts.codeId),
      col((w) => w.facts.usageLimitPerCode),
      col((w) => w.facts.poolId),
      col((w) => w.customerId),
      col((w) => w.facts.perCustomerLimit),
      col((w) => w.facts.campaignId),
      col((w) => w.facts.creatorId),
      col((w) => w.facts.issuedStreamId),
      col((w) => w.facts.issuedDropId),
      col((w) => w.orderId),
      col((w) => w.orderAmount),
      col((w) => w.currency),
      col((w) => w.discount),
      col((w) => w.brandId),
      col((w) => w.idempotencyKey),
      col((w) => w.requestHash.toString('hex')),
      col((w) => JSON.stringify(w.view)),
    ],
  );
  // The answer stored is the view the caller built plus what Postgres assigned: no need to read it back.
  const assigned = new Map(rows.map((r) => [answerKey(r.brandId, r.key), r]));
  return writes.map((w) => {
    const row = assigned.get(answerKey(w.brandId, w.idempotencyKey));
    return row
      ? { kind: 'redeemed', response: { ...w.view, id: row.id, redeemedAt: row.redeemedAt } }
      : { kind: 'usageLimitReached' };
  });
}

/** The identity of an idempotency key's answer: the key is scoped to its brand. */
export function answerKey(brandId: string, idempotencyKey: string): string {
  return `${brandId}\n${idempotencyKey}`;
}

/** A statement aborted by a deadlock or serialization failure wrote nothing and runs again. */
const WRITE_ATTEMPTS = 3;

/** One redemption alone: decides every case, refusals by the database's constraints included. */
export async function writeRedemption(uow: UnitOfWork, w: RedemptionWrite): Promise<RedemptionWritten> {
  for (let attempt = 1; ; attempt++) {
    try {
      const [written] = await writeRedemptions(uow, [w]);
      return written;
    } catch (error) {
      const { code, constraint } = pgErrorOf(error);
      if (code === '23514' && constraint === 'customer_usages_within_limit')
        return { kind: 'customerLimitReached' };
      if (code === '23505' && constraint === 'idempotency_keys_pkey') return { kind: 'keyTaken' };
      if (!(attempt < WRITE_ATTEMPTS && isTransient(error) && !uow.inTransaction)) throw error;
    }
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
