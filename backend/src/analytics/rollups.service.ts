import { Injectable, Logger } from '@nestjs/common';
import { DropTriggers } from '../drops/drop-triggers.service';
import { UnitOfWork } from '../platform/database/unit-of-work';

/** How many ingest deltas one statement adds up (each holds up to 1,000 viewer ids). */
const DELTAS_PER_STATEMENT = 100;
/** How many marked (stream, minute) pairs one statement recomputes from the raw tables. */
const MARKS_PER_STATEMENT = 500;
/** First key of the per-stream advisory lock (the second is a hash of the stream id). */
const STREAM_LOCK_CLASS = 72128402;
/**
 * Minutes that can no longer get ingest deltas: ingest refuses events older than 7 days; the hour
 * of margin covers clock skew between the api and Postgres. Their viewer sets are pruned.
 */
const CLOSED_AFTER = `interval '7 days 1 hour'`;

/**
 * Per-stream per-minute rollups, fed by the rows of `rollup_dirty`:
 * - a delta (written by the ingest batch itself, in the statement that stores its events) is added
 *   to its bucket: roses and coins add up; `viewers` grows by the viewer ids the minute had not seen
 *   yet (`stream_minute_viewers`, one row per distinct viewer of a minute), so it stays exact.
 *   Work per batch, whatever the size of the minute: no rescan of the minute's raw events.
 * - a mark (claims, redemptions, rebuilds) recomputes its bucket from the raw tables (stream_events,
 *   drop_claims of the stream's drops, SUCCEEDED redemptions by stream), overwriting the whole row,
 *   and absorbs the deltas of that minute its snapshot already counts.
 * Viewer sets are built lazily (`viewer_set` on the bucket): a recompute completes the set only
 * when the minute is getting deltas or already had a set, and a delta for a minute without a set
 * turns into a mark (one recompute, then deltas add up again). A rebuild of old minutes writes no
 * viewer rows.
 * A row leaves `rollup_dirty` in the statement that applies it, so running a job twice gives the
 * same numbers. Work on one stream holds a transaction-level advisory lock of that stream: deltas
 * and recomputes of a stream never interleave (two jobs of one stream queue; other streams run).
 */
@Injectable()
export class RollupsService {
  private readonly logger = new Logger(RollupsService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly triggers: DropTriggers,
  ) {}

  /** Applies the pending rows (of one stream, or of all) until none is left; returns how many. */
  async processDirty(streamId?: string): Promise<number> {
    const pending = streamId
      ? [streamId]
      : (
          await this.uow.query<{ stream_id: string }[]>(
            `SELECT DISTINCT stream_id FROM rollup_dirty ORDER BY stream_id`,
          )
        ).map((r) => r.stream_id);
    let total = 0;
    const streams: string[] = [];
    for (const id of pending) {
      const done = await this.processStream(id);
      total += done;
      if (done) streams.push(id);
    }
    // Outside the rollup transactions: an ingest holds its stream row until its commit, so locking
    // streams while holding rollup rows could deadlock.
    if (streams.length)
      await this.uow.query(
        `UPDATE streams s SET peak_viewers = m.peak
           FROM (SELECT stream_id, max(viewers) AS peak FROM stream_minute_rollups
                  WHERE stream_id = ANY($1) GROUP BY stream_id) m
          WHERE s.id = m.stream_id AND s.peak_viewers < m.peak`,
        [streams],
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

  /** Deltas, then marks, of one stream, a chunk per transaction; returns how many rows it applied. */
  private async processStream(streamId: string): Promise<number> {
    let total = 0;
    for (;;) {
      const { deltas, marks } = await this.uow.run(async () => {
        await this.uow.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [STREAM_LOCK_CLASS, streamId]);
        return { deltas: await this.applyDeltas(streamId), marks: await this.recomputeMarks(streamId) };
      });
      total += deltas + marks;
      if (deltas < DELTAS_PER_STATEMENT && marks < MARKS_PER_STATEMENT) return total;
    }
  }

  /**
   * One statement: marks the minutes whose bucket has no viewer set yet (their deltas wait for the
   * recompute that follows in the same transaction, which builds the set), takes the oldest other
   * deltas of the stream (not those of a minute with a mark), inserts
   * their viewer ids into the minute's viewer set (only the new ones come back), and adds roses,
   * coins and new viewers to the buckets (a new bucket starts with a complete set). Returns how many
   * deltas it took.
   */
  private async applyDeltas(streamId: string): Promise<number> {
    const [row] = await this.uow.query<{ n: number }[]>(
      `WITH promoted AS (
         INSERT INTO rollup_dirty (stream_id, minute)
         SELECT DISTINCT d.stream_id, d.minute FROM rollup_dirty d
           JOIN stream_minute_rollups r ON r.stream_id = d.stream_id AND r.minute = d.minute
          WHERE d.stream_id = $1::uuid AND d.roses IS NOT NULL AND NOT r.viewer_set
         ON CONFLICT DO NOTHING),
       taken AS (
         DELETE FROM rollup_dirty WHERE id IN (
           SELECT x.id FROM rollup_dirty x WHERE x.stream_id = $1::uuid AND x.roses IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM rollup_dirty m
                               WHERE m.stream_id = x.stream_id AND m.minute = x.minute AND m.roses IS NULL)
              AND NOT EXISTS (SELECT 1 FROM stream_minute_rollups r
                               WHERE r.stream_id = x.stream_id AND r.minute = x.minute AND NOT r.viewer_set)
            ORDER BY x.id LIMIT ${DELTAS_PER_STATEMENT})
         RETURNING minute, roses, coins, viewers),
       seen AS (
         INSERT INTO stream_minute_viewers (stream_id, minute, viewer_id)
         SELECT DISTINCT $1::uuid, t.minute, v.viewer_id
           FROM taken t CROSS JOIN LATERAL unnest(t.viewers) AS v(viewer_id)
          ORDER BY 2, 3
         ON CONFLICT DO NOTHING
         RETURNING minute),
       added AS (
         INSERT INTO stream_minute_rollups AS r (stream_id, minute, gifted_roses, coins, viewers, viewer_set)
         SELECT $1::uuid, s.minute, s.roses, s.coins, COALESCE(f.viewers, 0), true
           FROM (SELECT minute, sum(roses) AS roses, sum(coins) AS coins FROM taken GROUP BY minute) s
           LEFT JOIN (SELECT minute, count(*)::int AS viewers FROM seen GROUP BY minute) f USING (minute)
          ORDER BY s.minute
         ON CONFLICT (stream_id, minute) DO UPDATE SET
           gifted_roses = r.gifted_roses + EXCLUDED.gifted_roses, coins = r.coins + EXCLUDED.coins,
           viewers = r.viewers + EXCLUDED.viewers)
       SELECT count(*)::int AS n FROM taken`,
      [streamId],
    );
    return row.n;
  }

  /**
   * One statement, so one snapshot: takes the stream's marks, recomputes their buckets from the raw
   * tables, deletes the deltas of those minutes that the snapshot already counts (a delta commits
   * with its events; later ones stay and add up afterwards), and completes the viewer sets of the
   * minutes that get deltas or had a set (the set then holds every viewer the snapshot counts).
   */
  private async recomputeMarks(streamId: string): Promise<number> {
    const [row] = await this.uow.query<{ n: number }[]>(
      `WITH d AS (
         DELETE FROM rollup_dirty WHERE id IN (
           SELECT id FROM rollup_dirty WHERE stream_id = $1::uuid AND roses IS NULL
            ORDER BY minute LIMIT ${MARKS_PER_STATEMENT})
         RETURNING stream_id, minute),
       covered AS (
         DELETE FROM rollup_dirty x USING d
          WHERE x.stream_id = d.stream_id AND x.minute = d.minute AND x.roses IS NOT NULL
         RETURNING x.minute),
       sets AS (
         SELECT d.stream_id, d.minute FROM d
          WHERE d.minute IN (SELECT minute FROM covered)
             OR EXISTS (SELECT 1 FROM stream_minute_rollups r
                         WHERE r.stream_id = d.stream_id AND r.minute = d.minute AND r.viewer_set)),
       seen AS (
         INSERT INTO stream_minute_viewers (stream_id, minute, viewer_id)
         SELECT DISTINCT s.stream_id, s.minute, e.viewer_id
           FROM sets s JOIN stream_events e
             ON e.stream_id = s.stream_id AND e.occurred_at >= s.minute
            AND e.occurred_at < s.minute + interval '1 minute'
          WHERE e.viewer_id IS NOT NULL
         ON CONFLICT DO NOTHING),
       rolled AS (
         INSERT INTO stream_minute_rollups AS r
           (stream_id, minute, gifted_roses, coins, viewers, claims, claimed_roses, redemptions, viewer_set)
         SELECT d.stream_id, d.minute, ev.roses, ev.coins, ev.viewers, cl.claims, cl.roses, rd.redemptions,
                d.minute IN (SELECT minute FROM sets)
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
          ORDER BY d.minute
         ON CONFLICT (stream_id, minute) DO UPDATE SET
           gifted_roses = EXCLUDED.gifted_roses, coins = EXCLUDED.coins, viewers = EXCLUDED.viewers,
           claims = EXCLUDED.claims, claimed_roses = EXCLUDED.claimed_roses, redemptions = EXCLUDED.redemptions,
           viewer_set = EXCLUDED.viewer_set)
       SELECT count(*)::int AS n FROM d`,
      [streamId],
    );
    return row.n;
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

  /** Deletes the viewer sets of minutes that can no longer get events; returns how many rows. */
  async pruneViewerSets(): Promise<number> {
    return this.uow.run(async () => {
      // A bucket without its set would take a (late) delta as a recompute, never as an addition.
      await this.uow.query(
        `UPDATE stream_minute_rollups SET viewer_set = false WHERE viewer_set AND minute <= now() - ${CLOSED_AFTER}`,
      );
      const [row] = await this.uow.query<{ n: number }[]>(
        `WITH gone AS (DELETE FROM stream_minute_viewers WHERE minute <= now() - ${CLOSED_AFTER} RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
      );
      return row.n;
    });
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
