import { JobStatus } from '@bouquet/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A CSV export: requested by a person for an organization (the owner of what is exported), written
 * by a worker under EXPORT_DIR, downloaded by that organization's members and granted agencies.
 */
@Entity('exports')
export class ExportEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The row source that writes it, e.g. COUPON_CODES or CAMPAIGN_REPORT. */
  @Column({ type: 'varchar', length: 64 }) kind!: string;
  /** What the row source needs (e.g. `{ poolId }`), checked when the export was requested. */
  @Column({ type: 'jsonb' }) params!: Record<string, string>;
  @Column({ type: 'text' }) status!: JobStatus;
  @Column({ name: 'row_count', type: 'integer', nullable: true }) rowCount!: number | null;
  /** Relative to EXPORT_DIR, set when the file is complete. */
  @Column({ name: 'file_path', type: 'text', nullable: true }) filePath!: string | null;
  /** The name the download suggests (Content-Disposition). */
  @Column({ name: 'file_name', type: 'varchar', length: 160 }) fileName!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'created_by', type: 'uuid', nullable: true }) createdBy!: string | null;
  /** Why the last attempt failed (for operators; never sent to clients). */
  @Column({ type: 'text', nullable: true }) error!: string | null;
  /** The attempt that may write the file: a stale or duplicate run stops when it no longer matches. */
  @Column({ name: 'run_id', type: 'uuid', nullable: true }) runId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
}
