import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('agency_grants')
export class AgencyGrantEntity {
  @PrimaryColumn({ name: 'brand_id', type: 'uuid' }) brandId!: string;
  @PrimaryColumn({ name: 'agency_id', type: 'uuid' }) agencyId!: string;
  @Column({ name: 'granted_by', type: 'uuid', nullable: true }) grantedBy!: string | null;
  @Column({ name: 'granted_at', type: 'timestamptz', default: () => 'now()' }) grantedAt!: Date;
}
