import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { decodeCursor, pageSize, toPage, Page } from '../../platform/graphql/pagination';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  organizationId: string;
  actorUserId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail?: string | null;
}

/** Append-only audit trail, written in the transaction of the change it records. */
@Injectable()
export class AuditService {
  constructor(private readonly uow: UnitOfWork) {}

  async record(entry: AuditRecord): Promise<void> {
    await this.uow.repo(AuditEntryEntity).insert({ ...entry, detail: entry.detail ?? null });
  }

  async list(
    organizationId: string,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<AuditEntryEntity>> {
    const limit = pageSize(first, 50);
    const cursor = decodeCursor(after, 1);
    const qb = this.uow
      .repo(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.organization_id = :organizationId', { organizationId })
      .orderBy('a.seq', 'DESC')
      .take(limit + 1);
    if (cursor) qb.andWhere('a.seq < :seq', { seq: cursor[0] });
    const [rows, total] = await Promise.all([
      qb.getMany(),
      this.uow.repo(AuditEntryEntity).count({ where: { organizationId } }),
    ]);
    return toPage(rows, limit, total, (row) => [row.seq]);
  }
}
