import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../../platform/auth/request-context';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/**
 * A pool's counters, counted on read instead of kept on the pool row (a row every claim and every
 * redemption of the pool would otherwise lock until commit). Per request, one aggregate for all
 * the pools asked for, each over a partial index holding exactly the rows counted:
 * `coupon_codes_issued_idx` (codes handed out) and `redemptions_pool_succeeded_idx` (live uses).
 * Callers pass pools the actor may already read (the parent `CouponPool`).
 */
@Injectable()
export class CouponPoolCounters {
  constructor(private readonly uow: UnitOfWork) {}

  /** Codes ever handed out (`issued_at` set), e.g. by drop claims. */
  issued(ctx: RequestContext): DataLoader<string, number> {
    return ctx.loaders.get('coupons.poolIssuedCount', () =>
      this.counter(`SELECT pool_id, count(*)::int AS n FROM coupon_codes
                     WHERE pool_id = ANY($1::uuid[]) AND issued_at IS NOT NULL GROUP BY pool_id`),
    );
  }

  /** Redemptions not rolled back: a rollback gives the use back by flipping its row's status, once. */
  redeemed(ctx: RequestContext): DataLoader<string, number> {
    return ctx.loaders.get('coupons.poolRedemptionCount', () =>
      this.counter(`SELECT pool_id, count(*)::int AS n FROM redemptions
                     WHERE pool_id = ANY($1::uuid[]) AND status = 'SUCCEEDED' GROUP BY pool_id`),
    );
  }

  private counter(sql: string): DataLoader<string, number> {
    return new DataLoader<string, number>(async (poolIds) => {
      const rows = await this.uow.query<{ pool_id: string; n: number }[]>(sql, [poolIds]);
      const byPool = new Map(rows.map((r) => [r.pool_id, r.n]));
      return poolIds.map((id) => byPool.get(id) ?? 0);
    });
  }
}
