import { CampaignObjective, CampaignStatus } from '@bouquet/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A brand's campaign. `spent` and `reserved` change only through the ledger. */
@Entity('campaigns')
export class CampaignEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'brand_id', type: 'uuid' }) brandId!: string;
  @Column({ type: 'varchar', length: 120 }) name!: string;
  @Column({ type: 'text' }) brief!: string;
  @Column({ type: 'text' }) objective!: CampaignObjective;
  @Column({ type: 'text', default: CampaignStatus.DRAFT }) status!: CampaignStatus;
  @Column({ type: 'char', length: 3 }) currency!: string;
  @Column({ type: 'numeric', precision: 20, scale: 4 }) budget!: string;
  @Column({ type: 'numeric', precision: 20, scale: 4, default: 0 }) spent!: string;
  @Column({ type: 'numeric', precision: 20, scale: 4, default: 0 }) reserved!: string;
  @Column({ name: 'rose_unit_price', type: 'numeric', precision: 20, scale: 6 }) roseUnitPrice!: string;
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true }) startsAt!: Date | null;
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true }) endsAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const CAMPAIGN_COLUMNS = `c.id, c.brand_id AS "brandId", c.name, c.brief, c.objective, c.status, c.currency,
  c.budget, c.spent, c.reserved, c.rose_unit_price AS "roseUnitPrice", c.starts_at AS "startsAt",
  c.ends_at AS "endsAt", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;
