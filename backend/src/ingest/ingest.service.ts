import { ApiScope, StreamStatus } from '@bouquet/shared';
import { Injectable, Logger } from '@nestjs/common';
import { RollupStreamJob } from '../analytics/analytics.jobs';
import { StreamTicks } from '../analytics/stream-tick';
import { DropTriggers } from '../drops/drop-triggers.service';
import type { Actor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { BadUserInputError, ConflictError, ForbiddenError } from '../platform/errors';
import { JobsService } from '../platform/queue/jobs.service';
import { isUuid } from '../platform/validation/ids';
import { StreamsService } from '../streams/streams.service';
import { IncomingEvent, minuteOf, parseEventBatch, rosesOf } from './event-validation';

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/** Delay of the per-stream rollup job, so the batches of a burst collapse into one run. */
const ROLLUP_DELAY_MS = 300;

@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly jobs: JobsService,
    private readonly streams: StreamsService,
    private readonly triggers: DropTriggers,
    private readonly ticks: StreamTicks,
  ) {}

  /**
   * Validates the whole batch, then in ONE transaction: dedupes event ids, stores the new events,
   * adds rose gifts to `streams.gifted_roses` and marks the touched minutes dirty. Answers once
   * committed; rollups, milestones, lifecycle and live ticks follow after the commit.
   */
  async ingest(actor: Actor, body: unknown): Promise<IngestResult> {
    if (actor.kind !== 'apiKey') throw new ForbiddenError('Stream events need an EVENTS_WRITE API key');
    if (!actor.scopes.has(ApiScope.EVENTS_WRITE))
      throw new ForbiddenError('This API key lacks the EVENTS_WRITE scope');
    const source = actor.organizationId;
    const { events, errors } = parseEventBatch(body);
    if (errors.length) throw new BadUserInputError(errors, 'The batch was refused: some events are invalid');

    const streamIds = await this.resolveStreams(source, events);
    const streamErrors = events.flatMap((e, i) =>
      streamIds[i]
        ? []
        : [{ field: `events[${i}].streamId`, message: "streamId is not a stream of this key's creator" }],
    );
    if (streamErrors.length)
      throw new BadUserInputError(streamErrors, 'The batch was refused: some events are invalid');

    // The first occurrence of an eventId in the batch counts; later ones are duplicates.
    const firstIndex = new Map<string, number>();
    events.forEach((e, i) => {
      if (!firstIndex.has(e.eventId)) firstIndex.set(e.eventId, i);
    });

    const { fresh, roseTotals } = await this.uow.run(async () => {
      const inserted = await this.uow.query<{ event_id: string }[]>(
        `INSERT INTO stream_event_ids (source, event_id)
         SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING RETURNING event_id`,
        [source, [...firstIndex.keys()]],
      );
      const fresh = inserted.map((r) => firstIndex.get(r.event_id) as number).sort((a, b) => a - b);
      if (fresh.length === 0) return { fresh, roseTotals: new Map<string, number>() };
      const cols = {
        eventId: [] as string[],
        streamId: [] as string[],
        type: [] as string[],
        occurredAt: [] as Date[],
        viewerId: [] as (string | null)[],
        giftName: [] as (string | null)[],
        giftCount: [] as (number | null)[],
        coinValue: [] as (number | null)[],
        roses: [] as number[],
        coins: [] as number[],
      };
      const roses = new Map<string, number>();
      const dirty = new Map<string, [string, Date]>();
      for (const i of fresh) {
        const e = events[i];
        const streamId = streamIds[i] as string;
        const r = rosesOf(e.gift);
        cols.eventId.push(e.eventId);
        cols.streamId.push(streamId);
        cols.type.push(e.type);
        cols.occurredAt.push(e.occurredAt);
        cols.viewerId.push(e.viewerId);
        cols.giftName.push(e.gift?.name ?? null);
        cols.giftCount.push(e.gift?.count ?? null);
        cols.coinValue.push(e.gift?.coinValue ?? null);
        cols.roses.push(r);
        cols.coins.push(e.gift ? e.gift.count * e.gift.coinValue : 0);
        if (r > 0) roses.set(streamId, (roses.get(streamId) ?? 0) + r);
        const minute = minuteOf(e.occurredAt);
        dirty.set(`${streamId}|${minute.toISOString()}`, [streamId, minute]);
      }
      await this.uow.query(
        `INSERT INTO stream_events (source, event_id, stream_id, type, occurred_at, viewer_id, gift_name,
                                    gift_count, coin_value, roses, coins)
         SELECT $1, * FROM unnest($2::varchar[], $3::uuid[], $4::text[], $5::timestamptz[], $6::varchar[],
                                  $7::varchar[], $8::int[], $9::int[], $10::int[], $11::bigint[])`,
        [
          source,
          cols.eventId,
          cols.streamId,
          cols.type,
          cols.occurredAt,
          cols.viewerId,
          cols.giftName,
          cols.giftCount,
          cols.coinValue,
          cols.roses,
          cols.coins,
        ],
      );
      const roseTotals = new Map<string, number>();
      if (roses.size) {
        const ids = [...roses.keys()].sort();
        const updated = await this.uow.query<{ id: string; gifted_roses: string }[]>(
          `WITH updated AS (
             UPDATE streams s SET gifted_roses = s.gifted_roses + u.roses
               FROM unnest($1::uuid[], $2::bigint[]) AS u(id, roses)
              WHERE s.id = u.id RETURNING s.id, s.gifted_roses)
           SELECT id, gifted_roses FROM updated`,
          [ids, ids.map((id) => roses.get(id))],
        );
        for (const row of updated) roseTotals.set(row.id, Number(row.gifted_roses));
      }
      // Sorted, so concurrent batches lock dirty rows in one order; DO UPDATE (not NOTHING) waits for
      // a rollup that is recomputing the pair and marks it again after it.
      const pairs = [...dirty.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
      await this.uow.query(
        `INSERT INTO rollup_dirty (stream_id, minute)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[])
         ON CONFLICT (stream_id, minute) DO UPDATE SET marked_at = now()`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      return { fresh, roseTotals };
    });

    if (fresh.length)
      await this.afterCommit(
        fresh.map((i) => ({ event: events[i], streamId: streamIds[i] as string })),
        roseTotals,
      );
    return { accepted: fresh.length, duplicates: events.length - fresh.length };
  }

  /** Our stream id per event (null when it is not a stream of the key's creator organization). */
  private async resolveStreams(organizationId: string, events: IncomingEvent[]): Promise<(string | null)[]> {
    const refs = [...new Set(events.map((e) => e.streamRef))];
    const rows = await this.uow.query<{ id: string; external_id: string | null }[]>(
      `SELECT s.id, s.external_id FROM streams s JOIN creators c ON c.id = s.creator_id
        WHERE c.organization_id = $1 AND (s.id = ANY($2::uuid[]) OR s.external_id = ANY($3::varchar[]))`,
      [organizationId, refs.filter(isUuid), refs],
    );
    const byRef = new Map<string, string>();
    for (const row of rows) if (row.external_id) byRef.set(row.external_id, row.id);
    for (const row of rows) byRef.set(row.id, row.id);
    return events.map((e) => byRef.get(e.streamRef) ?? null);
  }

  private async afterCommit(
    stored: { event: IncomingEvent; streamId: string }[],
    roseTotals: Map<string, number>,
  ): Promise<void> {
    const streams = [...new Set(stored.map((s) => s.streamId))];
    // Redis may be slow or down: never hold the 202 on it (the catch-up job rolls up from Postgres).
    for (const streamId of streams) {
      void this.jobs
        .enqueue(
          RollupStreamJob,
          { streamId },
          { jobId: `rollup-${streamId}`, delay: ROLLUP_DELAY_MS, removeOnComplete: true, removeOnFail: true },
        )
        .catch(() => undefined);
      this.ticks.touch(streamId);
    }
    const lifecycle = stored
      .filter((s) => s.event.type === 'STREAM_STARTED' || s.event.type === 'STREAM_ENDED')
      .sort((a, b) => a.event.occurredAt.getTime() - b.event.occurredAt.getTime());
    for (const { event, streamId } of lifecycle) {
      const to = event.type === 'STREAM_STARTED' ? StreamStatus.LIVE : StreamStatus.ENDED;
      try {
        await this.streams.transition(streamId, to, event.occurredAt);
      } catch (error) {
        if (!(error instanceof ConflictError))
          this.logger.warn(`Stream ${streamId} -> ${to} failed: ${(error as Error).message}`);
      }
    }
    for (const [streamId, total] of roseTotals) {
      try {
        await this.triggers.onGiftedRoses(streamId, total);
      } catch (error) {
        this.logger.warn(`Milestone check of stream ${streamId} failed: ${(error as Error).message}`);
      }
    }
  }
}
