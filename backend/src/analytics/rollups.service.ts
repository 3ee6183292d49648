import { Injectable, Logger } from '@nestjs/common';
import { DropTriggers } from '../drops/drop-triggers.service';
import { UnitOfWork } from '../platform/database/unit-of-work';

/** How many dirty (stream, minute) pairs one transaction recomputes. */
const CHUNK = 500;

/**
 * Per-stream per-minute rollups, recomputed from the raw tables (stream_events, drop_claims of the
 * stream's drops, SUCCEEDED redemptions by stream) for every minute marked in `rollup_dirty`.
 * The upsert overwrites the whole bucket, so running it twice gives the same numbers.
 */
@Injectable()
export class RollupsService {
  private readonly logger = new Logger(RollupsService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly triggers: DropTriggers,
  ) {}

  /** Processes dirty minutes (of one stream, or all) until none is left; returns how many. */
  async processDirty(streamId?: string): Promise<number> {
    let total = 0;
    const streams = new Set<string>();
    for (;;) {
      const done = await this.processChunk(streamId);
      total += done.length;
      for (const id of done) streams.add(id);
      if (done.length < CHUNK) break;
    }
    // Outside the chunk's transaction: an ingest holds its stream row while it marks minutes dirty,
    // so locking streams while holding dirty rows could deadlock.
    if (streams.size)
      await this.uow.query(
        `UPDATE streams s SET peak_viewers = m.peak
           FROM (SELECT stream_id, max(viewers) AS peak FROM stream_minute_rollups
                  WHERE stream_id = ANY($1) GROUP BY stream_id) m
          WHERE s.id = m.stream_id AND s.peak_viewers < m.peak`,
        [[...streams]],
      );
    // Milestones are re-checked from the durable total, so a crash after an ingest commit loses none.
    for (const id of streams) {
      try {
        const [row] = await this.uow.query<{ gifted_roses: string }[]>(
          `SELECT gifted_roses FROM streams WHERE id = $1`,
          [id],
        );
        if (row) await this.triggers.onGiftedRoses(id, Number(row.gifted_roses));
      } catch (error) {
        this.logger.warn(`Milestone check of stream ${id} failed: ${(error as Error).message}`);
      }
    }
    return total;
  }

  /** Returns the stream id of every processed pair. */
  private processChunk(streamId?: string): Promise<string[]> {
    return this.uow.run(async () => {
      // Lock the pairs first: an ingest marking the same pair waits for this commit and marks it again,
      // so an event committed after the recompute's snapshot is never left out.
      const dirty = await this.uow.query<{ stream_id: string; minute: Date }[]>(
        `SELECT stream_id, minute FROM rollup_dirty ${streamId ? 'WHERE stream_id = $1' : ''}
          ORDER BY stream_id, minute LIMIT ${CHUNK} FOR UPDATE SKIP LOCKED`,
        streamId ? [streamId] : [],
      );
      if (dirty.length === 0) return [];
      const ids = dirty.map((d) => d.stream_id);
      const minutes = dirty.map((d) => d.minute);
      await this.uow.query(
        `WITH d AS (SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) AS d(stream_id, minute))
         INSERT INTO stream_minute_rollups AS r
           (stream_id, minute, gifted_roses, coins, viewers, claims, claimed_roses, redemptions)
         SELECT d.stream_id, d.minute, ev.roses, ev.coins, ev.viewers, cl.claims, cl.roses, rd.redemptions
           FROM d
           CROSS JOIN LATERAL (
             SELECT COALESCE(sum(e.roses), 0) AS roses, COALESCE(sum(e.coins), 0) AS coins,
                    count(DISTINCT e.viewer_id)::int AS viewers
               FROM stream_events e
              WHERE e.stream_id = d.stream_id AND e.occurred_at >= d.minute
                AND e.occurred_at < d.minute + interval '1 minute') ev
           CROSS JOIN LATERAL (
             SELECT count(c.id)::int AS claims, COALESCE(sum(c.roses), 0)::int AS roses
               FROM drops dr JOIN drop_claims c ON c.drop_id = dr.id
              WHERE dr.stream_id = d.stream_id AND c.claimed_at >= d.minute
                AND c.claimed_at < d.minute + interval '1 minute') cl
           CROSS JOIN LATERAL (
             SELECT count(*)::int AS redemptions FROM redemptions x
              WHERE x.stream_id = d.stream_id AND x.status = 'SUCCEEDED' AND x.redeemed_at >= d.minute
                AND x.redeemed_at < d.minute + interval '1 minute') rd
         ON CONFLICT (stream_id, minute) DO UPDATE SET
           gifted_roses = EXCLUDED.gifted_roses, coins = EXCLUDED.coins, viewers = EXCLUDED.viewers,
           claims = EXCLUDED.claims, claimed_roses = EXCLUDED.claimed_roses, redemptions = EXCLUDED.redemptions`,
        [ids, minutes],
      );
      await this.uow.query(
        `DELETE FROM rollup_dirty d USING unnest($1::uuid[], $2::timestamptz[]) AS p(stream_id, minute)
          WHERE d.stream_id = p.stream_id AND d.minute = p.minute`,
        [ids, minutes],
      );
      return ids;
    });
  }

  /**
   * Claims and redemptions are written by other domains without marking anything: mark the minutes
   * of their recent rows (last 10 minutes) so the rollups pick them up.
   */
  async markRecentExternal(): Promise<void> {
    await this.uow.query(
      `INSERT INTO rollup_dirty (stream_id, minute)
       SELECT DISTINCT dr.stream_id, date_trunc('minute', c.claimed_at)
         FROM drop_claims c JOIN drops dr ON dr.id = c.drop_id
        WHERE c.claimed_at >= now() - interval '10 minutes'
       UNION
       SELECT DISTINCT x.stream_id, date_trunc('minute', x.redeemed_at)
         FROM redemptions x
        WHERE x.stream_id IS NOT NULL AND x.redeemed_at >= now() - interval '10 minutes'
       ON CONFLICT DO NOTHING`,
    );
  }

  /** Marks every minute of a stream that has raw data (a full rebuild; ops and tests). */
  async markStream(streamId: string): Promise<void> {
    await this.uow.query(
      `INSERT INTO rollup_dirty (stream_id, minute)
       SELECT $1, date_trunc('minute', occurred_at) FROM stream_events WHERE stream_id = $1
       UNION SELECT $1, date_trunc('minute', c.claimed_at)
               FROM drops dr JOIN drop_claims c ON c.drop_id = dr.id WHERE dr.stream_id = $1
       UNION SELECT $1, date_trunc('minute', redeemed_at) FROM redemptions WHERE stream_id = $1
       UNION SELECT $1, minute FROM stream_minute_rollups WHERE stream_id = $1
       ON CONFLICT DO NOTHING`,
      [streamId],
    );
  }

  /** Creates the daily partitions from yesterday to `daysAhead` days ahead. */
  async ensurePartitions(daysAhead = 7): Promise<number> {
    const [row] = await this.uow.query<{ created: number }[]>(
      `SELECT bq_ensure_stream_event_partitions((now() AT TIME ZONE 'UTC')::date - 1,
                                                (now() AT TIME ZONE 'UTC')::date + $1::int) AS created`,
      [daysAhead],
    );
    return row.created;
  }
}
