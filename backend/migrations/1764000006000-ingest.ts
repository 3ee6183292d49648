import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stream events ingest and per-minute rollups.
 * - stream_event_ids: the dedupe set (not partitioned, so the primary key is global).
 * - stream_events: raw events, natively partitioned by day on occurred_at, plus a DEFAULT partition
 *   so no accepted event is ever refused. `bq_ensure_stream_event_partitions` creates days ahead
 *   (the daily job calls it); a day whose rows already sit in DEFAULT is skipped, not failed.
 * - rollup_dirty: (stream, minute) pairs to recompute; stream_minute_rollups: the recomputed buckets.
 */
export class Ingest1764000006000 implements MigrationInterface {
  name = 'Ingest1764000006000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stream_event_ids (
        source uuid NOT NULL,
        event_id varchar(128) NOT NULL,
        PRIMARY KEY (source, event_id)
      )`);
    await q.query(`
      CREATE TABLE stream_events (
        source uuid NOT NULL,
        event_id varchar(128) NOT NULL,
        stream_id uuid NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        viewer_id varchar(128),
        gift_name varchar(64),
        gift_count integer,
        coin_value integer,
        roses integer NOT NULL DEFAULT 0,
        coins bigint NOT NULL DEFAULT 0,
        received_at timestamptz NOT NULL DEFAULT now()
      ) PARTITION BY RANGE (occurred_at)`);
    await q.query(`CREATE INDEX stream_events_stream_time_idx ON stream_events (stream_id, occurred_at)`);
    await q.query(`CREATE TABLE stream_events_default PARTITION OF stream_events DEFAULT`);
    await q.query(`
      CREATE FUNCTION bq_ensure_stream_event_partitions(first_day date, last_day date) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        d date := first_day;
        created integer := 0;
        part text;
      BEGIN
        WHILE d <= last_day LOOP
          part := 'stream_events_p' || to_char(d, 'YYYYMMDD');
          IF to_regclass(part) IS NULL THEN
            BEGIN
              EXECUTE format(
                'CREATE TABLE %I PARTITION OF stream_events FOR VALUES FROM (%L) TO (%L)',
                part, (d::timestamp AT TIME ZONE 'UTC'), ((d + 1)::timestamp AT TIME ZONE 'UTC'));
              created := created + 1;
            EXCEPTION WHEN check_violation THEN
              -- Rows of that day already landed in the DEFAULT partition: leave them there.
              NULL;
            END;
          END IF;
          d := d + 1;
        END LOOP;
        RETURN created;
      END $$`);
    await q.query(
      `SELECT bq_ensure_stream_event_partitions((now() AT TIME ZONE 'UTC')::date - 1, (now() AT TIME ZONE 'UTC')::date + 7)`,
    );
    await q.query(`
      CREATE TABLE rollup_dirty (
        stream_id uuid NOT NULL,
        minute timestamptz NOT NULL,
        marked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (stream_id, minute)
      )`);
    await q.query(`
      CREATE TABLE stream_minute_rollups (
        stream_id uuid NOT NULL,
        minute timestamptz NOT NULL,
        gifted_roses bigint NOT NULL DEFAULT 0,
        coins bigint NOT NULL DEFAULT 0,
        viewers integer NOT NULL DEFAULT 0,
        claims integer NOT NULL DEFAULT 0,
        claimed_roses integer NOT NULL DEFAULT 0,
        redemptions integer NOT NULL DEFAULT 0,
        PRIMARY KEY (stream_id, minute)
      )`);
    // Claims and redemptions are written by other domains; the catch-up job scans their recent rows.
    await q.query(`CREATE INDEX IF NOT EXISTS drop_claims_claimed_at_idx ON drop_claims (claimed_at)`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS redemptions_stream_time_idx ON redemptions (stream_id, redeemed_at) WHERE stream_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX IF NOT EXISTS redemptions_recent_stream_idx ON redemptions (redeemed_at) WHERE stream_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS redemptions_recent_stream_idx`);
    await q.query(`DROP INDEX IF EXISTS redemptions_stream_time_idx`);
    await q.query(`DROP INDEX IF EXISTS drop_claims_claimed_at_idx`);
    await q.query(`DROP TABLE IF EXISTS stream_minute_rollups`);
    await q.query(`DROP TABLE IF EXISTS rollup_dirty`);
    await q.query(`DROP TABLE IF EXISTS stream_events`);
    await q.query(`DROP FUNCTION IF EXISTS bq_ensure_stream_event_partitions(date, date)`);
    await q.query(`DROP TABLE IF EXISTS stream_event_ids`);
  }
}
