import { StreamStatus } from '@bouquet/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('streams')
export class StreamEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'creator_id', type: 'uuid' }) creatorId!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ name: 'external_id', type: 'varchar', length: 128, nullable: true }) externalId!: string | null;
  @Column({ type: 'text', default: StreamStatus.SCHEDULED }) status!: StreamStatus;
  @Column({ name: 'scheduled_start_at', type: 'timestamptz' }) scheduledStartAt!: Date;
  @Column({ name: 'started_at', type: 'timestamptz', nullable: true }) startedAt!: Date | null;
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true }) endedAt!: Date | null;
  /** bigint: node-postgres returns it as a string. */
  @Column({ name: 'gifted_roses', type: 'bigint', default: 0 }) giftedRoses!: string;
  @Column({ name: 'peak_viewers', type: 'integer', default: 0 }) peakViewers!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

export const STREAM_COLUMNS = `s.id, s.creator_id AS "creatorId", s.title, s.external_id AS "externalId", s.status,
  s.scheduled_start_at AS "scheduledStartAt", s.started_at AS "startedAt", s.ended_at AS "endedAt",
  s.gifted_roses AS "giftedRoses", s.peak_viewers AS "peakViewers", s.created_at AS "createdAt",
  s.updated_at AS "updatedAt"`;
