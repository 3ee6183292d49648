import { StreamHooks } from './stream-hooks';
import { StreamStatus } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { CreatorVisibility } from '../creators/creator-visibility';
import { CreatorsService } from '../creators/creators.service';
import { AccessPolicy } from '../identity/access/access-policy.service';
import type { Actor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { BadUserInputError, ConflictError, NotFoundError } from '../platform/errors';
import { decodeCursor, Page, pageSize, toPage } from '../platform/graphql/pagination';
import { isUuid, requireUuid } from '../platform/validation/ids';
import type { ScheduleStreamInput } from './dto/schedule-stream.input';
import { STREAM_COLUMNS, StreamEntity } from './stream.entity';
import { canTransitionStream, streamTransitionStamps } from './stream-transitions';

const UNIQUE_VIOLATION = '23505';

type Row = StreamEntity & { cursorTs: string };

export interface StreamListFilter {
  creatorId?: string | null;
  status?: StreamStatus | null;
  from?: Date | null;
  to?: Date | null;
}

/** UTC text of a timestamptz that round-trips exactly (microseconds), for keyset cursors. */
const CURSOR_TS = `to_char(s.scheduled_start_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

@Injectable()
export class StreamsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly creators: CreatorsService,
    private readonly visibility: CreatorVisibility,
    private readonly hooks: StreamHooks,
  ) {}

  /** Owners of streams for the access policy: the organization of the stream's creator. */
  async owners(ids: string[]): Promise<Map<string, string[]>> {
    const rows = await this.uow.query<{ id: string; organization_id: string }[]>(
      `SELECT s.id, c.organization_id FROM streams s JOIN creators c ON c.id = s.creator_id WHERE s.id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, [r.organization_id]]));
  }

  async byIds(ids: readonly string[]): Promise<StreamEntity[]> {
    return this.uow.query<StreamEntity[]>(`SELECT ${STREAM_COLUMNS} FROM streams s WHERE s.id = ANY($1)`, [
      ids.filter(isUuid),
    ]);
  }

  async get(actor: Actor, id: string): Promise<StreamEntity> {
    const [row] = isUuid(id)
      ? await this.uow.query<(StreamEntity & { organizationId: string })[]>(
          `SELECT ${STREAM_COLUMNS}, c.organization_id AS "organizationId"
             FROM streams s JOIN creators c ON c.id = s.creator_id WHERE s.id = $1`,
          [id],
        )
      : [];
    if (!row || !(await this.visibility.canReadStreamsOf(actor, row.organizationId)))
      throw new NotFoundError('Stream', id);
    const { organizationId: _org, ...stream } = row;
    return stream;
  }

  async schedule(actor: Actor, input: ScheduleStreamInput): Promise<StreamEntity> {
    this.access.requireUser(actor);
    requireUuid(input.creatorId, 'Creator');
    await this.access.require(actor, 'creator', [input.creatorId], 'write');
    if (Number.isNaN(input.scheduledStartAt.getTime()))
      throw BadUserInputError.field('input.scheduledStartAt', 'scheduledStartAt must be a date');
    const duplicate = () =>
      BadUserInputError.field('input.externalId', 'this creator already has a stream with that externalId');
    return this.uow.run(async () => {
      if (input.externalId) {
        const [exists] = await this.uow.query<unknown[]>(
          `SELECT 1 FROM streams WHERE creator_id = $1 AND external_id = $2`,
          [input.creatorId, input.externalId],
        );
        if (exists) throw duplicate();
      }
      try {
        const [{ id }] = await this.uow.query<{ id: string }[]>(
          `INSERT INTO streams (creator_id, title, external_id, scheduled_start_at) VALUES ($1, $2, $3, $4) RETURNING id`,
          [input.creatorId, input.title, input.externalId ?? null, input.scheduledStartAt],
        );
        const [stream] = await this.byIds([id]);
        return stream;
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw duplicate();
        throw error;
      }
    });
  }

  /** A member of the creator's organization (write) moves the stream to `to`. */
  async transitionAs(actor: Actor, streamId: string, to: StreamStatus): Promise<StreamEntity> {
    this.access.requireUser(actor);
    await this.access.require(actor, 'stream', [streamId], 'write');
    return this.transition(streamId, to);
  }

  /**
   * Moves a stream to `to` if the transition table allows it (CONFLICT otherwise), stamping
   * started_at / ended_at with `at`. Row-locked, in the caller's transaction if there is one.
   * Ingest calls this for stream events.
   */
  async transition(streamId: string, to: StreamStatus, at: Date = new Date()): Promise<StreamEntity> {
    requireUuid(streamId, 'Stream');
    return this.uow.run(async () => {
      const [current] = await this.uow.query<{ status: StreamStatus }[]>(
        `SELECT status FROM streams WHERE id = $1 FOR UPDATE`,
        [streamId],
      );
      if (!current) throw new NotFoundError('Stream', streamId);
      if (!canTransitionStream(current.status, to))
        throw new ConflictError(`A ${current.status} stream cannot become ${to}`, {
          from: current.status,
          to,
        });
      const stamps = streamTransitionStamps(to, at);
      await this.uow.query(
        `UPDATE streams SET status = $2, started_at = COALESCE($3, started_at), ended_at = COALESCE($4, ended_at)
          WHERE id = $1`,
        [streamId, to, stamps.startedAt ?? null, stamps.endedAt ?? null],
      );
      this.uow.afterCommit(() => this.hooks.statusChanged(streamId, to));
      const [stream] = await this.byIds([streamId]);
      return stream;
    });
  }

  /**
   * Streams the actor may read, oldest scheduled first. Brand and agency members see every
   * creator's streams; creator members see their own.
   */
  async list(
    actor: Actor,
    filter: StreamListFilter,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<StreamEntity>> {
    const limit = pageSize(first, 50);
    if (filter.from && filter.to && filter.from >= filter.to)
      throw BadUserInputError.field('to', 'to must be after from');
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.creatorId != null) {
      const [creator] = await this.creators.byIds([filter.creatorId]);
      if (!creator || !(await this.visibility.canReadStreamsOf(actor, creator.organizationId)))
        throw new NotFoundError('Creator', filter.creatorId);
      where.push(`s.creator_id = ${param(creator.id)}`);
    } else if (!(await this.visibility.isBrandSide(actor))) {
      const orgs = await this.access.organizationIds(actor);
      where.push(`s.creator_id IN (SELECT id FROM creators WHERE organization_id = ANY(${param(orgs)}))`);
    }
    if (filter.status) where.push(`s.status = ${param(filter.status)}`);
    if (filter.from) where.push(`s.scheduled_start_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`s.scheduled_start_at < ${param(filter.to)}`);
    return this.page(where, params, limit, after);
  }

  /** One page of a creator's streams (for `Creator.streams`). */
  async listForCreator(
    creatorId: string,
    status: StreamStatus | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<StreamEntity>> {
    const limit = pageSize(first, 20);
    const params: unknown[] = [creatorId];
    const where = ['s.creator_id = $1'];
    if (status) {
      params.push(status);
      where.push(`s.status = $2`);
    }
    return this.page(where, params, limit, after);
  }

  private async page(
    where: string[],
    params: unknown[],
    limit: number,
    after?: string | null,
  ): Promise<Page<StreamEntity>> {
    const countParams = [...params];
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const cursor = decodeCursor(after, 2);
    const conditions = [...where];
    if (cursor) {
      if (typeof cursor[0] !== 'string' || !isUuid(cursor[1]) || Number.isNaN(Date.parse(`${cursor[0]}Z`)))
        throw BadUserInputError.field('after', 'is not a cursor returned by this list');
      params.push(cursor[0], cursor[1]);
      conditions.push(
        `(s.scheduled_start_at, s.id) > (($${params.length - 1}::timestamp AT TIME ZONE 'UTC'), $${params.length}::uuid)`,
      );
    }
    const whereSql = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const [rows, [{ count }]] = await Promise.all([
      this.uow.query<Row[]>(
        `SELECT ${STREAM_COLUMNS}, ${CURSOR_TS} AS "cursorTs" FROM streams s ${whereSql}
          ORDER BY s.scheduled_start_at, s.id LIMIT ${limit + 1}`,
        params,
      ),
      this.uow.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM streams s ${countWhere}`,
        countParams,
      ),
    ]);
    const page = toPage<Row>(rows, limit, count, (row) => [row.cursorTs, row.id]);
    return { ...page, nodes: page.nodes.map(({ cursorTs: _c, ...stream }) => stream) };
  }
}
