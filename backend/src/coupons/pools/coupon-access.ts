import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccessPolicy } from '../../identity/access/access-policy.service';
import { UnitOfWork } from '../../platform/database/unit-of-work';

/** Kind `couponPool`: owned by the brand of the pool's campaign (members, granted agencies, keys). */
export const COUPON_POOL = 'couponPool';

@Injectable()
export class CouponAccess implements OnModuleInit {
  constructor(
    private readonly access: AccessPolicy,
    private readonly uow: UnitOfWork,
  ) {}

  onModuleInit(): void {
    this.access.register(COUPON_POOL, async (ids) => {
      const rows = await this.uow.query<{ id: string; brand_id: string }[]>(
        `SELECT p.id, c.brand_id FROM coupon_pools p JOIN campaigns c ON c.id = p.campaign_id WHERE p.id = ANY($1::uuid[])`,
        [ids],
      );
      return new Map(rows.map((row) => [row.id, [row.brand_id]]));
    });
  }
}
