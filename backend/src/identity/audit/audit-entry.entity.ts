import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('audit_entries')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'bigint', insert: false, update: false }) seq!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId!: string | null;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ name: 'subject_type', type: 'varchar', length: 64 }) subjectType!: string;
  @Column({ name: 'subject_id', type: 'varchar', length: 64 }) subjectId!: string;
  @Column({ type: 'text', nullable: true }) detail!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
}
