import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';

export interface IssuedCoupon {
  code: string;
  codeId: string;
}

/**
 * Hands out one available code of a pool, e.g. to a drop claim. Runs in the caller's transaction
 * (its UnitOfWork), so the code is issued only if the claim commits. Two concurrent callers never
 * get the same code: each locks a different row (FOR UPDATE SKIP LOCKED) through the partial
 * index of available codes. The pool row is not touched (no hot row shared by every claim):
 * `CouponPool.issuedCount` counts issued codes on read.
 */
@Injectable()
export class CouponIssuer {
  constructor(private readonly uow: UnitOfWork) {}

  /** Returns null when the pool has no available code left (or does not exist). */
  async issueOne(
    poolId: string,
    at: { dropId?: string | null; streamId?: string | null } = {},
  ): Promise<IssuedCoupon | null> {
    return this.uow.run(async () => {
      const rows = await this.uow.query<[{ id: string; code: string }[], number]>(
        `UPDATE coupon_codes
            SET status = 'ISSUED', issued_at = now(), issued_drop_id = $2, issued_stream_id = $3
          WHERE id = (
            SELECT id FROM coupon_codes
             WHERE pool_id = $1 AND status = 'AVAILABLE' AND redemption_count = 0
             ORDER BY id LIMIT 1
             FOR UPDATE SKIP LOCKED)
          RETURNING id, code`,
        [poolId, at.dropId ?? null, at.streamId ?? null],
      );
      const issued = rows[0][0];
      if (!issued) return null;
      return { code: issued.code, codeId: String(issued.id) };
    });
  }

  /**
   * Hands out up to `count` available codes of a pool in one statement (fewer when the pool has
   * fewer left), in the caller's transaction, with the same guarantees as `issueOne`.
   */
  async issueMany(
    poolId: string,
    count: number,
    at: { dropId?: string | null; streamId?: string | null } = {},
  ): Promise<IssuedCoupon[]> {
    if (count <= 0) return [];
    const [rows] = await this.uow.query<[{ id: string; code: string }[], number]>(
      `UPDATE coupon_codes c
          SET status = 'ISSUED', issued_at = now(), issued_drop_id = $3, issued_stream_id = $4
         FROM (SELECT id FROM coupon_codes
                WHERE pool_id = $1 AND status = 'AVAILABLE' AND redemption_count = 0
                ORDER BY id LIMIT $2
                FOR UPDATE SKIP LOCKED) picked
        WHERE c.id = picked.id
        RETURNING c.id, c.code`,
      [poolId, count, at.dropId ?? null, at.streamId ?? null],
    );
    return rows.map((r) => ({ code: r.code, codeId: String(r.id) }));
  }
}
