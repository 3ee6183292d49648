import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type LedgerKind = 'RESERVE' | 'COMMIT' | 'RELEASE';

/** One budget movement of a campaign. Append-only: never updated, never deleted. */
@Entity('ledger_entries')
export class LedgerEntryEntity {
  /** bigserial: node-postgres returns it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'campaign_id', type: 'uuid' }) campaignId!: string;
  @Column({ type: 'text' }) kind!: LedgerKind;
  @Column({ type: 'numeric', precision: 20, scale: 4 }) amount!: string;
  @Column({ name: 'ref_type', type: 'varchar', length: 32 }) refType!: string;
  @Column({ name: 'ref_id', type: 'varchar', length: 64 }) refId!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
