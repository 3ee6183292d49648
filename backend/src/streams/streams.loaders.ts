import { StreamStatus } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../platform/auth/request-context';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { Page, pageSize, toPage } from '../platform/graphql/pagination';
import { STREAM_COLUMNS, StreamEntity } from './stream.entity';
import { StreamsService } from './streams.service';

export interface CreatorStreamsKey {
  creatorId: string;
  status?: StreamStatus | null;
  first?: number | null;
  after?: string | null;
}

type Row = StreamEntity & { cursorTs: string; rn: string };

/**
 * Per-request loaders for streams. `Creator.streams` first pages of many creators load in one
 * windowed query plus one count query; later pages (`after`) are per creator by nature.
 */
@Injectable()
export class StreamsLoaders {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly streams: StreamsService,
  ) {}

  creatorStreams(ctx: RequestContext): DataLoader<CreatorStreamsKey, Page<StreamEntity>, string> {
    return ctx.loaders.get(
      'streams.byCreator',
      () =>
        new DataLoader<CreatorStreamsKey, Page<StreamEntity>, string>(
          async (keys) => {
            const groups = new Map<string, CreatorStreamsKey[]>();
            for (const key of keys) {
              const group = `${key.status ?? ''}|${key.first ?? ''}|${key.after ?? ''}`;
              groups.set(group, [...(groups.get(group) ?? []), key]);
            }
            const results = new Map<CreatorStreamsKey, Page<StreamEntity>>();
            for (const group of groups.values()) {
              const { status, first, after } = group[0];
              if (after) {
                for (const key of group)
                  results.set(key, await this.streams.listForCreator(key.creatorId, status, first, after));
                continue;
              }
              const pages = await this.firstPages(
                group.map((k) => k.creatorId),
                status,
                pageSize(first, 20),
              );
              for (const key of group) results.set(key, pages.get(key.creatorId) as Page<StreamEntity>);
            }
            return keys.map((key) => results.get(key) as Page<StreamEntity>);
          },
          { cacheKeyFn: (key) => JSON.stringify([key.creatorId, key.status, key.first, key.after]) },
        ),
    );
  }

  private async firstPages(
    creatorIds: string[],
    status: StreamStatus | null | undefined,
    limit: number,
  ): Promise<Map<string, Page<StreamEntity>>> {
    const params: unknown[] = [creatorIds];
    let statusSql = '';
    if (status) {
      params.push(status);
      statusSql = `AND s.status = $2`;
    }
    const [rows, counts] = await Promise.all([
      this.uow.query<Row[]>(
        `SELECT x.* FROM (
           SELECT ${STREAM_COLUMNS},
                  to_char(s.scheduled_start_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "cursorTs",
                  row_number() OVER (PARTITION BY s.creator_id ORDER BY s.scheduled_start_at, s.id) AS rn
             FROM streams s WHERE s.creator_id = ANY($1) ${statusSql}) x
          WHERE x.rn <= ${limit + 1} ORDER BY x."creatorId", x.rn`,
        params,
      ),
      this.uow.query<{ creator_id: string; count: number }[]>(
        `SELECT s.creator_id, count(*)::int AS count FROM streams s
          WHERE s.creator_id = ANY($1) ${statusSql} GROUP BY s.creator_id`,
        params,
      ),
    ]);
    const totals = new Map(counts.map((c) => [c.creator_id, c.count]));
    const out = new Map<string, Page<StreamEntity>>();
    for (const id of creatorIds) {
      const mine = rows.filter((r) => r.creatorId === id);
      const page = toPage<Row>(mine, limit, totals.get(id) ?? 0, (row) => [row.cursorTs, row.id]);
      out.set(id, { ...page, nodes: page.nodes.map(({ cursorTs: _c, rn: _rn, ...stream }) => stream) });
    }
    return out;
  }
}
