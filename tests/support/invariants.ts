import type { Client } from 'pg';
import { sleep } from './load';

/**
 * The invariants of DESIGN.md checked straight in Postgres, whatever happened before (faults,
 * fuzzed input). Each query returns the offending rows; an empty list means the invariant holds.
 */
const CHECKS: Record<string, string> = {
  'budget: spent = commits, reserved = reserves - releases, spent + reserved <= budget': `
    SELECT c.id, c.budget, c.spent, c.reserved, e.commits, e.reserves, e.releases
      FROM campaigns c
      LEFT JOIN LATERAL (
        SELECT COALESCE(sum(amount) FILTER (WHERE kind = 'COMMIT'), 0) AS commits,
               COALESCE(sum(amount) FILTER (WHERE kind = 'RESERVE'), 0) AS reserves,
               COALESCE(sum(amount) FILTER (WHERE kind = 'RELEASE'), 0) AS releases
          FROM ledger_entries l WHERE l.campaign_id = c.id) e ON true
     WHERE c.spent <> e.commits OR c.reserved <> e.reserves - e.releases
        OR c.spent + c.reserved > c.budget OR c.reserved < 0`,
  'drops: claimed roses <= rose count, shards hold the rest while OPEN': `
    SELECT d.id, d.status, d.rose_count, cl.roses, sh.remaining
      FROM drops d
      LEFT JOIN LATERAL (SELECT COALESCE(sum(roses), 0)::int AS roses FROM drop_claims WHERE drop_id = d.id) cl ON true
      LEFT JOIN LATERAL (SELECT sum(remaining)::int AS remaining FROM drop_shards WHERE drop_id = d.id) sh ON true
     WHERE cl.roses > d.rose_count
        OR (d.status = 'OPEN' AND sh.remaining IS NOT NULL AND sh.remaining <> d.rose_count - cl.roses)
        OR (d.status IN ('COMPLETED', 'CANCELLED') AND d.claimed_roses <> cl.roses)`,
  'drops: no viewer over its per-viewer limit': `
    SELECT c.drop_id, c.viewer_id, count(*) AS claims, d.per_viewer_limit
      FROM drop_claims c JOIN drops d ON d.id = c.drop_id
     GROUP BY c.drop_id, c.viewer_id, d.per_viewer_limit HAVING count(*) > d.per_viewer_limit`,
  'coupons: code counters match live redemptions and limits': `
    WITH live AS (
      SELECT code_id, (count(*) FILTER (WHERE status = 'SUCCEEDED'))::int AS n FROM redemptions GROUP BY code_id)
    SELECT k.id, k.redemption_count, COALESCE(live.n, 0) AS live, p.usage_limit_per_code
      FROM coupon_codes k JOIN coupon_pools p ON p.id = k.pool_id LEFT JOIN live ON live.code_id = k.id
     WHERE (k.redemption_count > 0 OR live.code_id IS NOT NULL)
       AND (k.redemption_count <> COALESCE(live.n, 0) OR k.redemption_count > p.usage_limit_per_code)`,
  'coupons: customer usages match live redemptions and limits': `
    SELECT u.pool_id, u.customer_id, u.uses, p.per_customer_limit,
           (SELECT count(*)::int FROM redemptions r
             WHERE r.pool_id = u.pool_id AND r.customer_id = u.customer_id AND r.status = 'SUCCEEDED') AS live
      FROM customer_usages u JOIN coupon_pools p ON p.id = u.pool_id
     WHERE u.uses <> (SELECT count(*) FROM redemptions r
                       WHERE r.pool_id = u.pool_id AND r.customer_id = u.customer_id AND r.status = 'SUCCEEDED')
        OR (p.per_customer_limit IS NOT NULL AND u.uses > p.per_customer_limit)`,
  'coupons: a pool counts exactly the codes generated for it': `
    SELECT p.id, p.generated_count, (SELECT count(*)::int FROM coupon_codes k WHERE k.pool_id = p.id) AS codes
      FROM coupon_pools p
     WHERE p.generated_count <> (SELECT count(*) FROM coupon_codes k WHERE k.pool_id = p.id)`,
  'events: a stream counts exactly the rose gifts stored for it': `
    SELECT s.id, s.gifted_roses, ev.roses
      FROM streams s
      LEFT JOIN LATERAL (SELECT COALESCE(sum(roses), 0) AS roses FROM stream_events e WHERE e.stream_id = s.id) ev ON true
     WHERE s.gifted_roses <> ev.roses`,
};

/** Every broken invariant with a sample of its offending rows; empty when all hold. */
export async function brokenInvariants(sql: Client): Promise<string[]> {
  const broken: string[] = [];
  for (const [name, query] of Object.entries(CHECKS)) {
    const { rows } = await sql.query(query);
    if (rows.length) broken.push(`${name}: ${JSON.stringify(rows.slice(0, 3))}`);
  }
  return broken;
}

/** How long a session must sit `idle in transaction`, without a statement, to count as left there. */
const STUCK_AFTER_MS = 2_000;

/**
 * Sessions of the database left `idle in transaction` (a request that never finished its
 * transaction), each as `application_name: last query`. A live transaction is idle between its
 * statements for a moment (longer on a loaded host), so a session counts only when it is still idle
 * in the same transaction, with no statement since, `STUCK_AFTER_MS` after it was first seen so.
 */
export async function stuckInTransaction(sql: Client, database: string): Promise<string[]> {
  const idle = async () =>
    (
      await sql.query<{ pid: number; since: string; app: string; query: string }>(
        `SELECT pid, state_change::text AS since, application_name AS app, query
           FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'`,
        [database],
      )
    ).rows;
  const first = await idle();
  if (!first.length) return [];
  await sleep(STUCK_AFTER_MS);
  const seen = new Set(first.map((s) => `${s.pid}@${s.since}`));
  return (await idle()).filter((s) => seen.has(`${s.pid}@${s.since}`)).map((s) => `${s.app}: ${s.query}`);
}
