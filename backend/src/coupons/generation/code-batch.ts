import { pgErrorOf } from '../../platform/database/pg-errors';
import type { UnitOfWork } from '../../platform/database/unit-of-work';

/** What one batch statement did: the codes it stored, or why it stored none. */
export type BatchOutcome =
  | { kind: 'stored'; inserted: number }
  /** Storing them would take the pool past its size (a concurrent run stored codes meanwhile). */
  | { kind: 'overshoot' }
  /** A code collided with an existing one: nothing was stored; retry with `tolerateCollisions`. */
  | { kind: 'collision' };

/**
 * The codes and the pool's `generated_count` move in ONE autocommit statement, so the count always
 * equals the rows (a killed worker's statement rolls back whole) and a batch costs one round trip.
 * `coupon_pools_check` (`generated_count <= size`) refuses a batch that would overshoot, whatever
 * else runs at the same time; the row lock it takes is held only for the commit, so batches of one
 * pool insert in parallel.
 *
 * A plain INSERT is the fast path: `ON CONFLICT DO NOTHING` costs about a third more per row
 * (speculative insertion), and with the code alphabet's keyspace a collision is rare.
 */
const PLAIN = `WITH ins AS (
    INSERT INTO coupon_codes (pool_id, code) SELECT $1, unnest($2::text[])
  ), counted AS (
    UPDATE coupon_pools SET generated_count = generated_count + cardinality($2::text[]) WHERE id = $1 RETURNING 1
  ) SELECT cardinality($2::text[]) AS inserted, (SELECT count(*)::int FROM counted) AS pools`;

/** The slow path once codes collide: colliding codes are skipped and topped up by a later batch. */
const TOLERANT = `WITH ins AS (
    INSERT INTO coupon_codes (pool_id, code) SELECT $1, unnest($2::text[])
    ON CONFLICT (code) DO NOTHING RETURNING 1
  ), n AS (SELECT count(*)::int AS inserted FROM ins), counted AS (
    UPDATE coupon_pools SET generated_count = generated_count + (SELECT inserted FROM n) WHERE id = $1 RETURNING 1
  ) SELECT (SELECT inserted FROM n) AS inserted, (SELECT count(*)::int FROM counted) AS pools`;

export class PoolVanishedError extends Error {
  constructor(poolId: string) {
    super(`Coupon pool ${poolId} was deleted during code generation`);
    this.name = 'PoolVanishedError';
  }
}

export async function storeBatch(
  uow: UnitOfWork,
  poolId: string,
  codes: string[],
  tolerateCollisions: boolean,
): Promise<BatchOutcome> {
  // In index order: the unique index of codes then takes the batch in one sweep from left to
  // right instead of 25,000 descents to random leaves (15 to 25% less time per batch, measured on
  // 1,000,000 codes). Codes are ASCII, so JavaScript's order is the index's bytewise ("C") order.
  // Ids follow, so a batch's codes are issued in alphabetical order: two neighbours are still about
  // 10^10 apart in the code space, which tells the holder of one nothing about the others.
  const sorted = [...codes].sort();
  try {
    const [row] = await uow.query<{ inserted: number; pools: number }[]>(
      tolerateCollisions ? TOLERANT : PLAIN,
      [poolId, sorted],
    );
    if (row.pools === 0) throw new PoolVanishedError(poolId);
    return { kind: 'stored', inserted: row.inserted };
  } catch (error) {
    const { code, constraint } = pgErrorOf(error);
    if (code === '23514' && constraint === 'coupon_pools_check') return { kind: 'overshoot' };
    if (code === '23505' && constraint === 'coupon_codes_code_key') return { kind: 'collision' };
    if (code === '23503') throw new PoolVanishedError(poolId);
    throw error;
  }
}
