import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Incremental rollups: a rollup no longer rescans a whole minute of raw events after every batch.
 * - rollup_dirty becomes a queue of two kinds of rows:
 *   - a delta (`roses` NOT NULL): what one ingest batch added to one (stream, minute): roses, coins
 *     and its distinct viewer ids, written in the batch's own statement (so it commits with the
 *     events it describes). The worker adds it to the rollup and deletes it in one statement.
 *   - a mark (`roses` NULL): recompute the (stream, minute) from the raw tables (claims and
 *     redemptions, rebuilds). At most one mark per pair (partial unique index), so
 *     `INSERT ... ON CONFLICT DO NOTHING` still collapses marks.
 * - stream_minute_viewers: the distinct viewer ids seen per (stream, minute), so `viewers` stays an
 *   exact distinct count while rollups add up: a viewer counts once, when its row is inserted.
 *   `stream_minute_rollups.viewer_set` says the minute's set is complete. It is built lazily: a
 *   minute without one (every existing minute, rebuilt ones) gets it from its raw events the first
 *   time a delta arrives for it, so this migration and rebuilds write no viewer rows.
 */
export class IncrementalRollups1764000009100 implements MigrationInterface {
  name = 'IncrementalRollups1764000009100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rollup_dirty DROP CONSTRAINT rollup_dirty_pkey`);
    await q.query(`
      ALTER TABLE rollup_dirty
        ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        ADD COLUMN roses bigint,
        ADD COLUMN coins bigint,
        ADD COLUMN viewers varchar(128)[],
        ADD CONSTRAINT rollup_dirty_delta_check
          CHECK ((roses IS NULL) = (coins IS NULL) AND (roses IS NULL) = (viewers IS NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX rollup_dirty_mark_key ON rollup_dirty (stream_id, minute) WHERE roses IS NULL`,
    );
    await q.query(`CREATE INDEX rollup_dirty_stream_idx ON rollup_dirty (stream_id, id)`);
    await q.query(`
      CREATE TABLE stream_minute_viewers (
        stream_id uuid NOT NULL,
        minute timestamptz NOT NULL,
        viewer_id varchar(128) COLLATE "C" NOT NULL,
        PRIMARY KEY (stream_id, minute, viewer_id)
      )`);
    await q.query(`ALTER TABLE stream_minute_rollups ADD COLUMN viewer_set boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Pending deltas become marks: the minutes they touched are recomputed from the raw events.
    await q.query(`
      INSERT INTO rollup_dirty (stream_id, minute)
      SELECT DISTINCT stream_id, minute FROM rollup_dirty WHERE roses IS NOT NULL
      ON CONFLICT DO NOTHING`);
    await q.query(`DELETE FROM rollup_dirty WHERE roses IS NOT NULL`);
    await q.query(`ALTER TABLE stream_minute_rollups DROP COLUMN viewer_set`);
    await q.query(`DROP TABLE stream_minute_viewers`);
    await q.query(`DROP INDEX rollup_dirty_stream_idx`);
    await q.query(`DROP INDEX rollup_dirty_mark_key`);
    await q.query(`
      ALTER TABLE rollup_dirty
        DROP CONSTRAINT rollup_dirty_delta_check,
        DROP COLUMN viewers,
        DROP COLUMN coins,
        DROP COLUMN roses,
        DROP COLUMN id`);
    await q.query(`ALTER TABLE rollup_dirty ADD PRIMARY KEY (stream_id, minute)`);
  }
}
