import { ApiScope, StreamStatus } from '@bouquet/shared';
import { Injectable, Logger } from '@nestjs/common';
import { RollupStreamJob } from '../analytics/analytics.jobs';
import { StreamTicks } from '../analytics/stream-tick';
import { DropTriggers } from '../drops/drop-triggers.service';
import type { Actor } from '../platform/auth/actor';
import { pgErrorOf } from '../platform/database/pg-errors';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { BadUserInputError, ConflictError, ForbiddenError } from '../platform/errors';
import { JobsService } from '../platform/queue/jobs.service';
import { isUuid } from '../platform/validation/ids';
import { StreamsService } from '../streams/streams.service';
import { NEW_EVENTS, WITH_DUPLICATES } from './batch-statements';
import { EVENT_TYPES, IncomingEvent, parseEventBatch, rosesOf } from './event-validation';
import { pgArray } from './pg-array';

export interface IngestResult {
  accepted: number;
  duplicates: number;
}

/**
 * What the batch statement answers: the ids already seen, and the new `gifted_roses` of the streams
 * whose roses reached a GIFT_MILESTONE drop (see `batch-statements.ts`).
 */
interface BatchRow {
  dups: string[] | null;
  totals: { id: string; roses: number }[] | null;
}

/**
 * Delay of the per-stream rollup job, so the batches of a burst collapse into one run (a run costs
 * a few statements whatever it adds up): during a burst each stream is rolled up about once per
 * this delay, and a batch is rolled up within about this delay plus one run.
 */
const ROLLUP_DELAY_MS = 1000;

@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  /** Per stream, the last rollup slot whose job this process queued (see `afterCommit`). */
  private readonly queuedSlot = new Map<string, number>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly jobs: JobsService,
    private readonly streams: StreamsService,
    private readonly triggers: DropTriggers,
    private readonly ticks: StreamTicks,
  ) {}

  /**
   * Validates the whole batch, then in ONE statement (see `store`): dedupes event ids, stores the
   * new events, adds rose gifts to `streams.gifted_roses` and queues the batch's rollup deltas.
   * Answers once committed; rollups, milestones, lifecycle and live ticks follow after the commit.
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
    const { fresh, dueMilestones } = await this.store(source, [...firstIndex.values()], events, streamIds);

    if (fresh.length)
      await this.afterCommit(
        fresh.map((i) => ({ event: events[i], streamId: streamIds[i] as string })),
        dueMilestones,
      );
    return { accepted: fresh.length, duplicates: events.length - fresh.length };
  }

  /**
   * One statement, so one atomic commit and one round trip (two when the batch holds ids already
   * seen, see `runBatch`): dedupes the event ids, stores only the new events, adds their rose
   * gifts to `streams.gifted_roses` and queues one rollup delta per (stream, minute) of the new
   * events in `rollup_dirty` (roses, coins, viewer ids: what the worker adds to the bucket; it
   * commits with the events, so rollups never miss or double-count a batch). The deltas are plain
   * inserts: a batch never waits for a rollup. Returns the batch indexes of the new events and the
   * new totals of the streams with a milestone due.
   */
  private async store(
    source: string,
    firsts: number[],
    events: IncomingEvent[],
    streamIds: (string | null)[],
  ): Promise<{ fresh: number[]; dueMilestones: Map<string, number> }> {
    // Columns of the new events, kept small on the wire (the batch is ~100 KB of parameters): the
    // stream and the type are numbers into short lists, the instant an offset from the earliest.
    const streams: string[] = [];
    const streamNo = new Map<string, number>();
    const base = Math.min(...firsts.map((i) => events[i].occurredAt.getTime()));
    const cols = {
      eventId: [] as string[],
      streamNo: [] as number[],
      typeNo: [] as number[],
      offsetMs: [] as number[],
      viewerId: [] as (string | null)[],
      giftName: [] as (string | null)[],
      giftCount: [] as (number | null)[],
      coinValue: [] as (number | null)[],
      roses: [] as number[],
      coins: [] as number[],
    };
    for (const i of firsts) {
      const e = events[i];
      const streamId = streamIds[i] as string;
      let no = streamNo.get(streamId);
      if (no === undefined) {
        no = streams.push(streamId);
        streamNo.set(streamId, no);
      }
      cols.eventId.push(e.eventId);
      cols.streamNo.push(no);
      cols.typeNo.push(EVENT_TYPES.indexOf(e.type) + 1);
      cols.offsetMs.push(e.occurredAt.getTime() - base);
      cols.viewerId.push(e.viewerId);
      cols.giftName.push(e.gift?.name ?? null);
      cols.giftCount.push(e.gift?.count ?? null);
      cols.coinValue.push(e.gift?.coinValue ?? null);
      cols.roses.push(rosesOf(e.gift));
      cols.coins.push(e.gift ? e.gift.count * e.gift.coinValue : 0);
    }
    const row = await this.runBatch([
      source,
      ...[
        cols.eventId,
        cols.streamNo,
        cols.typeNo,
        cols.offsetMs,
        cols.viewerId,
        cols.giftName,
        cols.giftCount,
        cols.coinValue,
        cols.roses,
        cols.coins,
      ].map(pgArray),
      streams,
      EVENT_TYPES,
      base,
    ]);
    // Usually none: the ids already seen come back, not the (many) new ones.
    const seen = new Set(row.dups ?? []);
    const fresh = seen.size ? firsts.filter((i) => !seen.has(events[i].eventId)) : firsts;
    const dueMilestones = new Map((row.totals ?? []).map((t) => [t.id, Number(t.roses)]));
    return { fresh, dueMilestones };
  }

  /**
   * The batch statement: the fast path (`NEW_EVENTS`) first, `WITH_DUPLICATES` when an id of the
   * batch was already stored. A failed statement would abort a caller's transaction, so inside
   * one the batch goes straight to the form that tolerates duplicates.
   *
   * The fast path is a prepared statement (`UnitOfWork.prepared`): planned once per connection
   * instead of per batch, about 0.35 ms of Postgres CPU per batch (5%); a generic plan suits it
   * (inserts and aggregates over the batch, lookups of its few streams and their drops).
   */
  private async runBatch(params: unknown[]): Promise<BatchRow> {
    if (!this.uow.inTransaction) {
      try {
        const [row] = await this.uow.prepared<BatchRow>('ingest-new-events', NEW_EVENTS, params);
        return row;
      } catch (error) {
        const { code, constraint } = pgErrorOf(error);
        if (code !== '23505' || constraint !== 'stream_event_ids_pkey') throw error;
      }
    }
    const [row] = await this.uow.query<BatchRow[]>(WITH_DUPLICATES, params);
    return row;
  }

  /** Remembers the newest slot queued per stream, forgetting streams quiet for a slot or more. */
  private rememberQueued(streamId: string, slot: number): void {
    if (this.queuedSlot.size >= 10_000)
      for (const [id, queued] of this.queuedSlot) if (queued < slot) this.queuedSlot.delete(id);
    if ((this.queuedSlot.get(streamId) ?? -1) < slot) this.queuedSlot.set(streamId, slot);
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
    dueMilestones: Map<string, number>,
  ): Promise<void> {
    const streams = [...new Set(stored.map((s) => s.streamId))];
    // One job per stream per ROLLUP_DELAY_MS slot: every batch of a slot lands before its job starts
    // (it runs ROLLUP_DELAY_MS after the first), and a batch arriving while an older job runs makes
    // a new one instead of being dropped as that job's duplicate.
    const slot = Math.floor(Date.now() / ROLLUP_DELAY_MS);
    // Redis may be slow or down: never hold the 202 on it (the catch-up job rolls up from Postgres).
    for (const streamId of streams) {
      this.ticks.touch(streamId);
      // The slot's job is already queued by this process: adding it again would be a no-op in Redis.
      if (this.queuedSlot.get(streamId) === slot) continue;
      void this.jobs
        .enqueue(
          RollupStreamJob,
          { streamId },
          {
            jobId: `rollup-${streamId}-${slot}`,
            delay: ROLLUP_DELAY_MS,
            removeOnComplete: true,
            removeOnFail: true,
          },
        )
        .then(() => this.rememberQueued(streamId, slot))
        .catch(() => undefined);
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
    for (const [streamId, total] of dueMilestones) {
      try {
        await this.triggers.onGiftedRoses(streamId, total);
      } catch (error) {
        this.logger.warn(`Milestone check of stream ${streamId} failed: ${(error as Error).message}`);
      }
    }
  }
}
