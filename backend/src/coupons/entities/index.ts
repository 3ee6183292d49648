import { CouponCodeEntity, CouponPoolEntity } from './coupon-pool.entity';
import { CustomerUsageEntity, IdempotencyKeyEntity, RedemptionEntity } from './redemption.entity';

export { CouponCodeEntity, CouponPoolEntity, CustomerUsageEntity, IdempotencyKeyEntity, RedemptionEntity };

export const COUPON_ENTITIES = [
  CouponPoolEntity,
  CouponCodeEntity,
  RedemptionEntity,
  CustomerUsageEntity,
  IdempotencyKeyEntity,
];
