import { RedemptionStatus } from '@bouquet/shared';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('redemptions')
export class RedemptionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'pool_id', type: 'uuid' }) poolId!: string;
  @Column({ name: 'code_id', type: 'bigint' }) codeId!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column({ name: 'creator_id', type: 'uuid', nullable: true }) creatorId!: string | null;
  @Column({ name: 'stream_id', type: 'uuid', nullable: true }) streamId!: string | null;
  @Column({ name: 'drop_id', type: 'uuid', nullable: true }) dropId!: string | null;
  @Column({ name: 'customer_id', type: 'varchar', length: 128 }) customerId!: string;
  @Column({ name: 'order_id', type: 'varchar', length: 128 }) orderId!: string;
  @Column({ name: 'order_amount', type: 'numeric', precision: 20, scale: 4 }) orderAmount!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ type: 'numeric', precision: 20, scale: 4 }) discount!: string;
  @Column({ type: 'text' }) status!: RedemptionStatus;
  @Column({ name: 'redeemed_at', type: 'timestamptz' }) redeemedAt!: Date;
  @Column({ name: 'rolled_back_at', type: 'timestamptz', nullable: true }) rolledBackAt!: Date | null;
  @Column({ name: 'rollback_reason', type: 'varchar', length: 500, nullable: true })
  rollbackReason!: string | null;
}

/**
 * Uses of a pool by one customer, for `perCustomerLimit`: each use is an upsert that sets
 * `useLimit` to the pool's limit, and the check `uses <= use_limit` refuses a use beyond it.
 */
@Entity('customer_usages')
export class CustomerUsageEntity {
  @PrimaryColumn({ name: 'pool_id', type: 'uuid' }) poolId!: string;
  @PrimaryColumn({ name: 'customer_id', type: 'varchar', length: 128 }) customerId!: string;
  @Column({ type: 'integer' }) uses!: number;
  @Column({ name: 'use_limit', type: 'integer', nullable: true }) useLimit!: number | null;
}

/** The first answer to a redemption request, replayed for the same key and body (kept >= 24h). */
@Entity('idempotency_keys')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'brand_id', type: 'uuid' }) brandId!: string;
  @PrimaryColumn({ type: 'varchar', length: 255 }) key!: string;
  @Column({ name: 'request_hash', type: 'bytea' }) requestHash!: Buffer;
  @Column({ type: 'jsonb' }) response!: unknown;
  @Column({ name: 'status_code', type: 'integer' }) statusCode!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
