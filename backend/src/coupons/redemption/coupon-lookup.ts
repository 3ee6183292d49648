import { CouponRejection, DiscountType, Dec, roundToCurrency } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import type { RedemptionView } from './redemption.view';

/** A code with what validation and redemption need of its pool and campaign (one query). */
export interface CouponFacts {
  codeId: string;
  code: string;
  redemptionCount: number;
  issuedDropId: string | null;
  issuedStreamId: string | null;
  poolId: string;
  discountType: DiscountType;
  discountValue: string;
  usageLimitPerCode: number;
  perCustomerLimit: number | null;
  startsAt: Date | null;
  expiresAt: Date | null;
  /** Who the redemption is attributed to: the creator of the stream that handed the code out, else the pool's. */
  creatorId: string | null;
  campaignId: string;
  brandId: string;
  currency: string;
  campaignStatus: string;
}

export interface RedemptionReadRequest {
  code: string;
  brandId: string;
  idempotencyKey: string;
  customerId: string;
}

export interface RedemptionReads {
  facts: CouponFacts | null;
  stored: StoredAnswer | null;
  /** The customer's uses of the code's pool when it limits them (0 for none yet), else null. */
  customerUses: number | null;
}

type StoredColumns = { [K in keyof StoredAnswer]: StoredAnswer[K] | null };

/** The first answer given to an idempotency key: replayed for the same body, 409 for another. */
export interface StoredAnswer {
  /** sha256 of the request body fields, hex. */
  requestHash: string;
  response: RedemptionView | { error: { code: CouponRejection; message: string } };
  statusCode: number;
}

const FACTS_SQL = `SELECT k.id::text AS "codeId", k.code, k.redemption_count AS "redemptionCount",
         k.issued_drop_id AS "issuedDropId", k.issued_stream_id AS "issuedStreamId",
         p.id AS "poolId", p.discount_type AS "discountType", p.discount_value::text AS "discountValue",
         p.usage_limit_per_code AS "usageLimitPerCode", p.per_customer_limit AS "perCustomerLimit",
         p.starts_at AS "startsAt", p.expires_at AS "expiresAt",
         COALESCE((SELECT s.creator_id FROM streams s WHERE s.id = k.issued_stream_id), p.creator_id) AS "creatorId",
         c.id AS "campaignId", c.brand_id AS "brandId", c.currency, c.status AS "campaignStatus"
    FROM coupon_codes k
    JOIN coupon_pools p ON p.id = k.pool_id
    JOIN campaigns c ON c.id = p.campaign_id`;

@Injectable()
export class CouponLookup {
  constructor(private readonly uow: UnitOfWork) {}

  async byCode(code: string): Promise<CouponFacts | null> {
    const [row] = await this.uow.query<CouponFacts[]>(`${FACTS_SQL} WHERE k.code = $1`, [code]);
    return row ?? null;
  }

  /** A redemption's reads in one statement (see `forRedemptions`). */
  async forRedemption(request: RedemptionReadRequest): Promise<RedemptionReads> {
    const [reads] = await this.forRedemptions([request]);
    return reads;
  }

  /**
   * The reads of redemptions in one statement, one or many (a group commit, see RedemptionBatches):
   * per request, in order, the facts of its code (null when it is unknown), the answer already
   * stored for its brand's idempotency key (null when there is none) and, where the code's pool
   * limits uses per customer, the customer's uses so far (read without a lock: see `redeem`).
   */
  async forRedemptions(requests: RedemptionReadRequest[]): Promise<RedemptionReads[]> {
    const rows = await this.uow.prepared<
      Partial<CouponFacts> & StoredColumns & { ord: string; customerUses: number | null }
    >(
      'redemption-reads',
      `SELECT r.ord, f.*, encode(i.request_hash, 'hex') AS "requestHash", i.response, i.status_code AS "statusCode",
              CASE WHEN f."perCustomerLimit" IS NOT NULL THEN COALESCE(u.uses, 0) END AS "customerUses"
         FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[]) WITH ORDINALITY AS r(code, brand_id, key, customer_id, ord)
         LEFT JOIN LATERAL (${FACTS_SQL} WHERE k.code = r.code) f ON true
         LEFT JOIN idempotency_keys i ON i.brand_id = r.brand_id AND i.key = r.key
         LEFT JOIN customer_usages u ON u.pool_id = f."poolId" AND u.customer_id = r.customer_id
        ORDER BY r.ord`,
      [
        requests.map((r) => r.code),
        requests.map((r) => r.brandId),
        requests.map((r) => r.idempotencyKey),
        requests.map((r) => r.customerId),
      ],
    );
    return rows.map(({ ord: _ord, requestHash, response, statusCode, customerUses, ...facts }) => ({
      facts: facts.codeId == null ? null : (facts as CouponFacts),
      stored: requestHash == null ? null : ({ requestHash, response, statusCode } as StoredAnswer),
      customerUses,
    }));
  }

  async customerUses(poolId: string, customerId: string): Promise<number> {
    const [row] = await this.uow.query<{ uses: number }[]>(
      `SELECT uses FROM customer_usages WHERE pool_id = $1 AND customer_id = $2`,
      [poolId, customerId],
    );
    return row?.uses ?? 0;
  }
}

/**
 * Rejections that depend only on the pool, the campaign and the order (not on counters), in the
 * order a customer would want to hear them.
 */
export function staticRejection(
  facts: CouponFacts,
  currency: string,
  now = new Date(),
): CouponRejection | null {
  if (facts.campaignStatus !== 'ACTIVE') return CouponRejection.CAMPAIGN_INACTIVE;
  if (facts.startsAt && now < facts.startsAt) return CouponRejection.NOT_STARTED;
  if (facts.expiresAt && now >= facts.expiresAt) return CouponRejection.EXPIRED;
  if (currency !== facts.currency.trim()) return CouponRejection.CURRENCY_MISMATCH;
  return null;
}

/** PERCENT of the amount, or FIXED_AMOUNT capped at the amount, rounded to the currency's minor unit. */
export function discountFor(facts: CouponFacts, amount: string, currency: string): string {
  const order = new Dec(amount);
  const value = new Dec(facts.discountValue);
  const raw =
    facts.discountType === DiscountType.PERCENT ? order.times(value).dividedBy(100) : Dec.min(value, order);
  return roundToCurrency(raw, currency);
}

/**
 * The limits a redemption would break, as far as counters read without a lock show: the code used
 * up, then the customer's uses of the pool. Counters only grow, except when a redemption is
 * rolled back, so a refusal here is right at the instant of the read; the write's constraints
 * still decide every redemption that gets past it.
 */
export function counterRejection(facts: CouponFacts, customerUses: number | null): CouponRejection | null {
  if (facts.redemptionCount >= facts.usageLimitPerCode) return CouponRejection.USAGE_LIMIT_REACHED;
  if (facts.perCustomerLimit !== null && customerUses !== null && customerUses >= facts.perCustomerLimit)
    return CouponRejection.CUSTOMER_LIMIT_REACHED;
  return null;
}

export const REJECTION_MESSAGES: Record<CouponRejection, string> = {
  NOT_FOUND: 'No such coupon code',
  NOT_STARTED: 'This coupon is not valid yet',
  EXPIRED: 'This coupon has expired',
  USAGE_LIMIT_REACHED: 'This coupon code has been used up',
  CUSTOMER_LIMIT_REACHED: 'This customer has used this coupon as often as allowed',
  CAMPAIGN_INACTIVE: 'The campaign of this coupon is not active',
  CURRENCY_MISMATCH: 'The order currency differs from the coupon currency',
};
