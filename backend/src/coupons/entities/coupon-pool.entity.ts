import { CouponCodeStatus, Dec, DiscountType, JobStatus } from '@bouquet/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('coupon_pools')
export class CouponPoolEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ name: 'discount_type', type: 'text' }) discountType!: DiscountType;
  @Column({
    name: 'discount_value',
    type: 'numeric',
    precision: 20,
    scale: 4,
    transformer: { to: (v: string) => v, from: (v: string | null) => (v == null ? v : new Dec(v).toFixed()) },
  })
  discountValue!: string;
  @Column({ name: 'code_prefix', type: 'varchar', length: 12 }) codePrefix!: string;
  @Column({ name: 'code_length', type: 'smallint' }) codeLength!: number;
  @Column({ type: 'integer' }) size!: number;
  @Column({ name: 'generated_count', type: 'integer' }) generatedCount!: number;
  @Column({ name: 'generation_status', type: 'text' }) generationStatus!: JobStatus;
  @Column({ name: 'failure_reason', type: 'text', nullable: true }) failureReason!: string | null;
  @Column({ name: 'usage_limit_per_code', type: 'integer' }) usageLimitPerCode!: number;
  @Column({ name: 'per_customer_limit', type: 'integer', nullable: true }) perCustomerLimit!: number | null;
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true }) startsAt!: Date | null;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  @Column({ name: 'creator_id', type: 'uuid', nullable: true }) creatorId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('coupon_codes')
export class CouponCodeEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'pool_id', type: 'uuid' }) poolId!: string;
  /** Upper-case ASCII, compared bytewise (COLLATE "C") for cheap unique-index inserts and lookups. */
  @Column({ type: 'text', unique: true, collation: 'C' }) code!: string;
  @Column({ type: 'text' }) status!: CouponCodeStatus;
  @Column({ name: 'redemption_count', type: 'integer' }) redemptionCount!: number;
  @Column({ name: 'issued_at', type: 'timestamptz', nullable: true }) issuedAt!: Date | null;
  @Column({ name: 'issued_drop_id', type: 'uuid', nullable: true }) issuedDropId!: string | null;
  @Column({ name: 'issued_stream_id', type: 'uuid', nullable: true }) issuedStreamId!: string | null;
}
