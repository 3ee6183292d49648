import { DropStatus, DropTrigger } from '@bouquet/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('drops')
export class DropEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column({ name: 'stream_id', type: 'uuid' }) streamId!: string;
  @Column({ name: 'creator_id', type: 'uuid' }) creatorId!: string;
  @Column({ type: 'text' }) trigger!: DropTrigger;
  @Column({ type: 'text' }) status!: DropStatus;
  @Column({ name: 'rose_count', type: 'int' }) roseCount!: number;
  @Column({ name: 'per_viewer_limit', type: 'int' }) perViewerLimit!: number;
  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true }) scheduledAt!: Date | null;
  @Column({ name: 'milestone_roses', type: 'int', nullable: true }) milestoneRoses!: number | null;
  @Column({ name: 'claim_window_seconds', type: 'int' }) claimWindowSeconds!: number;
  @Column({ name: 'coupon_pool_id', type: 'uuid', nullable: true }) couponPoolId!: string | null;
  @Column({ name: 'unit_price', type: 'numeric', precision: 20, scale: 6 }) unitPrice!: string;
  @Column({ type: 'numeric', precision: 20, scale: 4 }) cost!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ name: 'claimed_roses', type: 'int' }) claimedRoses!: number;
  @Column({ name: 'claim_count', type: 'int' }) claimCount!: number;
  @Column({ name: 'opened_at', type: 'timestamptz', nullable: true }) openedAt!: Date | null;
  @Column({ name: 'closes_at', type: 'timestamptz', nullable: true }) closesAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('drop_claims')
export class DropClaimEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'drop_id', type: 'uuid' }) dropId!: string;
  @Column({ name: 'viewer_id', type: 'varchar', length: 128 }) viewerId!: string;
  @Column({ type: 'smallint' }) n!: number;
  @Column({ type: 'int' }) roses!: number;
  @Column({ name: 'coupon_code', type: 'text', nullable: true }) couponCode!: string | null;
  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true }) idempotencyKey!:
    string | null;
  @Column({ name: 'claimed_at', type: 'timestamptz' }) claimedAt!: Date;
}

export const DROP_ENTITIES = [DropEntity, DropClaimEntity];
