import { dueMilestoneDrops } from '../drops/drop-triggers.service';

/**
 * The two forms of the ingest batch statement (see `IngestService.store`). Both take the same
 * parameters: $1 the source (the key's organization), $2 to $11 the columns of the batch's events
 * (array literals, ids unique within the batch), $12 the batch's stream ids, $13 the event types,
 * $14 the instant the offsets count from. Both answer one row: `dups` (the ids already seen) and
 * `totals` (the new `gifted_roses` of the streams that got roses and have a GIFT_MILESTONE drop
 * due: see `DUE_MILESTONES`).
 *
 * Ids compare and sort bytewise (COLLATE "C", as the column since migration 1764000009400) and
 * go into the dedupe key in that order: the index takes them in one sweep over neighbouring leaves,
 * and two batches sharing ids lock them in the same order, so they wait for each other instead of
 * deadlocking. The stream rows are locked last, once the ids and events are written, so batches of
 * one stream overlap for all but the end of their statements.
 */
const BATCH = `batch AS (
    SELECT b.event_id COLLATE "C" AS event_id, ($12::uuid[])[b.stream_no] AS stream_id,
           ($13::text[])[b.type_no] AS type,
           timestamptz 'epoch' + ($14::bigint + b.offset_ms) * interval '1 millisecond' AS occurred_at,
           b.viewer_id, b.gift_name, b.gift_count, b.coin_value, b.roses, b.coins
      FROM unnest($2::varchar[], $3::int[], $4::int[], $5::int[], $6::varchar[],
                  $7::varchar[], $8::int[], $9::int[], $10::int[], $11::bigint[])
           AS b(event_id, stream_no, type_no, offset_ms, viewer_id, gift_name, gift_count, coin_value, roses, coins))`;

const STORED_COLUMNS = `INSERT INTO stream_events (source, event_id, stream_id, type, occurred_at, viewer_id, gift_name,
                               gift_count, coin_value, roses, coins)`;

/** Adds the roses of `stored` to their streams and queues its rollup deltas (plain inserts). */
const ROLLUP = `gifted AS (
    UPDATE streams s SET gifted_roses = s.gifted_roses + g.roses
      FROM (SELECT stream_id, sum(roses) AS roses FROM stored WHERE roses > 0
             GROUP BY stream_id ORDER BY stream_id) g
     WHERE s.id = g.stream_id
    RETURNING s.id, s.gifted_roses AS roses),
  deltas AS (
    INSERT INTO rollup_dirty (stream_id, minute, roses, coins, viewers)
    SELECT stream_id, date_trunc('minute', occurred_at), sum(roses), sum(coins),
           COALESCE(array_agg(viewer_id) FILTER (WHERE viewer_id IS NOT NULL), '{}')
      FROM stored GROUP BY 1, 2)`;

/**
 * The streams whose roses reached a SCHEDULED GIFT_MILESTONE drop (`DropTriggers.onGiftedRoses`
 * opens them after the commit). Only a filter, so that a batch of a stream without such a drop
 * (nearly all) sends no query for it: the same condition (`dueMilestoneDrops`) as that method's,
 * which decides; a drop made while this statement runs is seen by the stream's next batch, as it
 * was before. A scalar subquery with LIMIT, not EXISTS: it stays a lookup of the stream's drops
 * by index per gifted stream (an EXISTS may become a semi join scanning every waiting drop of
 * every stream).
 */
const DUE_MILESTONES = `(SELECT json_agg(gifted) FROM gifted
     WHERE (SELECT true FROM drops d WHERE ${dueMilestoneDrops('gifted.id', 'gifted.roses')} LIMIT 1)) AS totals`;

/**
 * The fast path, for a batch of new events (nearly every batch): a plain insert of the ids, so an
 * id already stored, or being stored by a concurrent batch that then commits, fails the whole
 * statement with unique_violation on `stream_event_ids_pkey` (nothing of it is written), and
 * `WITH_DUPLICATES` runs instead. That form costs about 40% more Postgres CPU per batch of 1,000
 * new ids (9.0 to 11.5 ms against 6.8 to 7.2 ms in a scratch database, 4 writers): `ON CONFLICT
 * DO NOTHING` is a speculative insertion per id (one more descent of the key, a speculative lock
 * and a confirmation WAL record, 45 KB more WAL per batch), and its answer needs a join of the
 * events to the ids actually inserted. Reading the count of `ids` makes the events wait for the ids, and `gifted`
 * reads `stored`, which keeps the lock order of the note above.
 */
export const NEW_EVENTS = `WITH ${BATCH},
  ids AS (
    INSERT INTO stream_event_ids (source, event_id) SELECT $1, event_id FROM batch ORDER BY event_id
    RETURNING 1),
  stored AS (
    ${STORED_COLUMNS}
    SELECT $1, b.* FROM batch b WHERE (SELECT count(*) FROM ids) > 0
    RETURNING stream_id, occurred_at, viewer_id, roses, coins),
  ${ROLLUP}
  SELECT NULL::text[] AS dups, ${DUE_MILESTONES}`;

/** The batch holds ids already seen: only the new events are stored, the others are answered. */
export const WITH_DUPLICATES = `WITH ${BATCH},
  ids AS (
    INSERT INTO stream_event_ids (source, event_id) SELECT $1, event_id FROM batch ORDER BY event_id
    ON CONFLICT DO NOTHING RETURNING event_id),
  stored AS (
    ${STORED_COLUMNS}
    SELECT $1, b.* FROM batch b JOIN ids USING (event_id)
    RETURNING stream_id, occurred_at, viewer_id, roses, coins),
  ${ROLLUP}
  SELECT (SELECT array_agg(event_id) FROM batch WHERE event_id NOT IN (SELECT event_id FROM ids)) AS dups,
         ${DUE_MILESTONES}`;
