import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../../identity/access/access-policy.service';
import type { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { NotFoundError } from '../../platform/errors';
import { requireUuid } from '../../platform/validation/ids';
import { COUPON_POOL } from '../pools/coupon-access';
import { CouponGuard } from './coupon-guard';
import { REDEMPTION_COLUMNS, RedemptionRow, RedemptionView, toRedemptionView } from './redemption.view';

/**
 * Rolls a redemption back once: the conditional UPDATE ... WHERE status = 'SUCCEEDED' lets exactly
 * one caller through, and only that caller gives the use back (code, customer usage), in the same
 * transaction; the pool's `redemptionCount` counts SUCCEEDED rows, so the flip itself gives the
 * pool's use back, once. Later calls answer the rolled-back redemption unchanged.
 */
@Injectable()
export class RollbackRedemptionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly guard: CouponGuard,
  ) {}

  async rollback(
    actor: Actor,
    redemptionId: string,
    reason: string | null | undefined,
  ): Promise<RedemptionView> {
    requireUuid(redemptionId, 'Redemption');
    this.guard.requireScope(actor);
    const [owner] = await this.uow.query<{ pool_id: string }[]>(
      `SELECT pool_id FROM redemptions WHERE id = $1`,
      [redemptionId],
    );
    if (!owner) throw new NotFoundError('Redemption', redemptionId);
    try {
      await this.access.require(actor, COUPON_POOL, [owner.pool_id], 'write');
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError('Redemption', redemptionId);
      throw error;
    }
    return this.uow.run(async () => {
      const [changed] = await this.uow.query<
        [{ code_id: string; pool_id: string; customer_id: string }[], number]
      >(
        `UPDATE redemptions SET status = 'ROLLED_BACK', rolled_back_at = now(), rollback_reason = $2
          WHERE id = $1 AND status = 'SUCCEEDED'
          RETURNING code_id, pool_id, customer_id`,
        [redemptionId, reason ?? null],
      );
      const given = changed[0];
      if (given) {
        await this.uow.query(
          `UPDATE coupon_codes
              SET redemption_count = redemption_count - 1,
                  status = CASE WHEN status = 'EXHAUSTED'
                                THEN CASE WHEN issued_at IS NULL THEN 'AVAILABLE' ELSE 'ISSUED' END
                                ELSE status END
            WHERE id = $1`,
          [given.code_id],
        );
        await this.uow.query(
          `UPDATE customer_usages SET uses = uses - 1 WHERE pool_id = $1 AND customer_id = $2 AND uses > 0`,
          [given.pool_id, given.customer_id],
        );
      }
      const [row] = await this.uow.query<RedemptionRow[]>(
        `SELECT ${REDEMPTION_COLUMNS} FROM redemptions r JOIN coupon_codes k ON k.id = r.code_id WHERE r.id = $1`,
        [redemptionId],
      );
      return toRedemptionView(row);
    });
  }
}
