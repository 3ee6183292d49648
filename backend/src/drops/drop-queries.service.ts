import { DropStatus } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { Actor } from '../platform/auth/actor';
import type { RequestContext } from '../platform/auth/request-context';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { decodeCursor, Page, pageSize, toPage } from '../platform/graphql/pagination';
import { isUuid, requireUuid } from '../platform/validation/ids';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { DropEntity } from './drop.entity';

export interface DropFilter {
  campaignId?: string | null;
  streamId?: string | null;
  status?: DropStatus | null;
}

export const DROP_COLUMNS = `d.id, d.campaign_id AS "campaignId", d.stream_id AS "streamId", d.creator_id AS "creatorId", d.trigger, d.status,
  d.rose_count AS "roseCount", d.per_viewer_limit AS "perViewerLimit", d.scheduled_at AS "scheduledAt",
  d.milestone_roses AS "milestoneRoses", d.claim_window_seconds AS "claimWindowSeconds", d.coupon_pool_id AS "couponPoolId",
  d.unit_price AS "unitPrice", d.cost, d.currency, d.claimed_roses AS "claimedRoses", d.claim_count AS "claimCount",
  d.opened_at AS "openedAt", d.closes_at AS "closesAt", d.closed_at AS "closedAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

/** Roses left in an OPEN drop's shards and its claims so far. */
export interface DropLiveCounts {
  left: number;
  claims: number;
}

/** Reading drops: the brand side (and its agencies) and the stream's creator. */
@Injectable()
export class DropQueries {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
  ) {}

  async owners(ids: string[]): Promise<Map<string, string[]>> {
    const rows = await this.uow.query<{ id: string; brand: string; org: string }[]>(
      `SELECT d.id, c.brand_id AS brand, cr.organization_id AS org FROM drops d
         JOIN campaigns c ON c.id = d.campaign_id JOIN creators cr ON cr.id = d.creator_id WHERE d.id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, [r.brand, r.org]]));
  }

  async get(actor: Actor, id: string): Promise<DropEntity> {
    requireUuid(id, 'Drop');
    await this.access.require(actor, 'drop', [id], 'read');
    return (await this.byIds([id]))[0];
  }

  async byIds(ids: readonly string[]): Promise<DropEntity[]> {
    return this.uow.query(`SELECT ${DROP_COLUMNS} FROM drops d WHERE d.id = ANY($1)`, [[...ids]]);
  }

  async list(
    actor: Actor,
    filter: DropFilter,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<DropEntity>> {
    const limit = pageSize(first, 50);
    const cursor = decodeCursor(after, 2);
    const orgs = await this.access.organizationIds(actor);
    const where = [`(c.brand_id = ANY($1) OR cr.organization_id = ANY($1))`];
    const params: unknown[] = [orgs];
    for (const [column, value] of [
      ['d.campaign_id', filter.campaignId],
      ['d.stream_id', filter.streamId],
    ] as const) {
      if (value === undefined || value === null) continue;
      if (!isUuid(value)) return toPage([], limit, 0, () => []);
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    if (filter.status) {
      params.push(filter.status);
      where.push(`d.status = $${params.length}`);
    }
    const from = `FROM drops d JOIN campaigns c ON c.id = d.campaign_id JOIN creators cr ON cr.id = d.creator_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.uow.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${from}`,
      params,
    );
    let keyset = '';
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      keyset = ` AND (d.created_at, d.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    const rows = await this.uow.query<DropEntity[]>(
      `SELECT ${DROP_COLUMNS} ${from}${keyset} ORDER BY d.created_at DESC, d.id DESC LIMIT ${limit + 1}`,
      params,
    );
    return toPage(rows, limit, total, (r) => [r.createdAt.toISOString(), r.id]);
  }

  /** Drops per stream, limited to what the actor may see (its brands' campaigns or its own streams). */
  byStreamLoader(actor: Actor): DataLoader<string, DropEntity[]> {
    return new DataLoader(async (streamIds: readonly string[]) => {
      const orgs = await this.access.organizationIds(actor);
      const rows = await this.uow.query<DropEntity[]>(
        `SELECT ${DROP_COLUMNS} FROM drops d JOIN campaigns c ON c.id = d.campaign_id JOIN creators cr ON cr.id = d.creator_id
          WHERE d.stream_id = ANY($1) AND (c.brand_id = ANY($2) OR cr.organization_id = ANY($2)) ORDER BY d.created_at`,
        [[...streamIds], orgs],
      );
      return streamIds.map((id) => rows.filter((r) => r.streamId === id));
    });
  }

  /**
   * Per-request batch loader of `liveCounts` (the `Drop` fields of OPEN drops). A caller that read
   * the counts with the drops already may `prime` it.
   */
  liveLoader(ctx: RequestContext): DataLoader<string, DropLiveCounts> {
    return ctx.loaders.get(
      'drops.live',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const map = await this.liveCounts(ids);
          return ids.map((id) => map.get(id) ?? { left: 0, claims: 0 });
        }),
    );
  }

  /** Live counts of OPEN drops (settled drops carry theirs): roses left and claims so far. */
  async liveCounts(ids: readonly string[]): Promise<Map<string, DropLiveCounts>> {
    const rows = await this.uow.query<{ id: string; left: number; claims: number }[]>(
      `SELECT d.id,
              (SELECT coalesce(sum(remaining), 0)::int FROM drop_shards s WHERE s.drop_id = d.id) AS left,
              (SELECT count(*)::int FROM drop_claims k WHERE k.drop_id = d.id) AS claims
         FROM drops d WHERE d.id = ANY($1)`,
      [[...ids]],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}
