import { OfferStatus, Party } from '@bouquet/shared';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity('offers')
export class OfferEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column({ name: 'creator_id', type: 'uuid' }) creatorId!: string;
  @Column({ type: 'text' }) status!: OfferStatus;
  @Column({ type: 'text', nullable: true }) awaiting!: Party | null;
  @Column({ type: 'int' }) version!: number;
  @Column({ name: 'revision_count', type: 'int' }) revisionCount!: number;
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('offer_revisions')
export class OfferRevisionEntity {
  @PrimaryColumn({ name: 'offer_id', type: 'uuid' }) offerId!: string;
  @PrimaryColumn({ type: 'int' }) number!: number;
  @Column({ name: 'fee_amount', type: 'numeric', precision: 20, scale: 4 }) feeAmount!: string;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ name: 'stream_count', type: 'int' }) streamCount!: number;
  @Column({ name: 'rose_allowance', type: 'int' }) roseAllowance!: number;
  @Column({ name: 'coupon_discount_percent', type: 'int', nullable: true }) couponDiscountPercent!:
    number | null;
  @Column({ type: 'text', nullable: true }) deliverables!: string | null;
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true }) startsAt!: Date | null;
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true }) endsAt!: Date | null;
  @Column({ name: 'proposed_by', type: 'text' }) proposedBy!: Party;
  @Column({ type: 'text', nullable: true }) message!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('offer_messages')
export class OfferMessageEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column({ name: 'offer_id', type: 'uuid' }) offerId!: string;
  @Column({ name: 'author_user_id', type: 'uuid' }) authorUserId!: string;
  @Column({ type: 'text' }) party!: Party;
  @Column({ type: 'text' }) body!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export const NEGOTIATION_ENTITIES = [OfferEntity, OfferRevisionEntity, OfferMessageEntity];
