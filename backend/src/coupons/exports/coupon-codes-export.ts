import { JobStatus } from '@bouquet/shared';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ExportGrant, ExportParams, ExportRowSource, ExportSources } from '../../exports/export-sources';
import type { CsvValue } from '../../exports/csv';
import { snapshotBatches } from '../../exports/snapshot-batches';
import { AccessPolicy } from '../../identity/access/access-policy.service';
import type { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { ConflictError, NotFoundError } from '../../platform/errors';
import { requireUuid } from '../../platform/validation/ids';
import { COUPON_POOL } from '../pools/coupon-access';

export const COUPON_CODES_EXPORT = 'COUPON_CODES';

/** Codes read per statement and written per batch. */
export const CODES_PER_BATCH = 10_000;

interface CodeRow {
  id: string;
  code: string;
  status: string;
  redemption_count: number;
  issued_at: Date | null;
  issued_drop_id: string | null;
  issued_stream_id: string | null;
}

/**
 * The codes of a pool as CSV, one line per code in generation order: its status, live uses
 * (SUCCEEDED redemptions; a rollback gives one back), when it was issued and by which drop and
 * stream. Read in keyset pages of 10,000 from one snapshot (see `snapshotBatches`).
 */
@Injectable()
export class CouponCodesExport implements ExportRowSource, OnModuleInit {
  readonly kind = COUPON_CODES_EXPORT;
  readonly header = ['code', 'status', 'redemptions', 'issued_at', 'drop_id', 'stream_id'] as const;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly sources: ExportSources,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  /** Whoever may list the pool's codes may export them; the file belongs to the campaign's brand. */
  async authorize(actor: Actor, params: ExportParams): Promise<ExportGrant> {
    const poolId = requireUuid(params.poolId, 'Coupon pool');
    await this.access.require(actor, COUPON_POOL, [poolId], 'read');
    const [pool] = await this.uow.query<{ name: string; brand_id: string; generation_status: JobStatus }[]>(
      `SELECT p.name, p.generation_status, c.brand_id FROM coupon_pools p JOIN campaigns c ON c.id = p.campaign_id
        WHERE p.id = $1`,
      [poolId],
    );
    if (!pool) throw new NotFoundError('Coupon pool', poolId);
    if (pool.generation_status === JobStatus.PENDING || pool.generation_status === JobStatus.RUNNING)
      throw new ConflictError(
        `The codes of pool ${poolId} are still being generated (${pool.generation_status}); export them once generation is DONE`,
      );
    return { ownerOrganizationId: pool.brand_id, fileStem: `coupon-codes-${pool.name}` };
  }

  async *batches(params: ExportParams): AsyncGenerator<CsvValue[][]> {
    const pages = snapshotBatches<CodeRow, string>(this.uow.dataSource, {
      batchSize: CODES_PER_BATCH,
      page: (query, after, limit) =>
        query<CodeRow>(
          // Ordered by the bigint column (k.id), not by the text alias, so the keyset holds.
          `SELECT k.id::text AS id, k.code, k.status, k.redemption_count, k.issued_at, k.issued_drop_id,
                  k.issued_stream_id
             FROM coupon_codes k WHERE k.pool_id = $1 AND k.id > $2::bigint ORDER BY k.id LIMIT $3`,
          [params.poolId, after ?? '0', limit],
        ),
      keyOf: (row) => row.id,
    });
    for await (const rows of pages)
      yield rows.map((r) => [
        r.code,
        r.status,
        r.redemption_count,
        r.issued_at,
        r.issued_drop_id,
        r.issued_stream_id,
      ]);
  }
}
