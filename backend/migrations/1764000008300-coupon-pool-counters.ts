import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pool counters without a hot row: `coupon_pools.issued_count` and `.redemption_count` were bumped
 * by every claim and every redemption of a pool, so they all queued on that one row lock until
 * commit. They are now counted on read (`CouponPool.issuedCount` / `.redemptionCount`, one
 * aggregate per request for all pools asked for) over the two partial indexes below, which hold
 * exactly the rows counted (index-only scans).
 */
export class CouponPoolCounters1764000008300 implements MigrationInterface {
  name = 'CouponPoolCounters1764000008300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX coupon_codes_issued_idx ON coupon_codes (pool_id) WHERE issued_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX redemptions_pool_succeeded_idx ON redemptions (pool_id) WHERE status = 'SUCCEEDED'`,
    );
    await q.query(`ALTER TABLE coupon_pools DROP COLUMN issued_count, DROP COLUMN redemption_count`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE coupon_pools
        ADD COLUMN issued_count integer NOT NULL DEFAULT 0 CHECK (issued_count >= 0),
        ADD COLUMN redemption_count integer NOT NULL DEFAULT 0 CHECK (redemption_count >= 0)`);
    await q.query(`
      UPDATE coupon_pools p
         SET issued_count = (SELECT count(*) FROM coupon_codes k WHERE k.pool_id = p.id AND k.issued_at IS NOT NULL),
             redemption_count = (SELECT count(*) FROM redemptions r WHERE r.pool_id = p.id AND r.status = 'SUCCEEDED')`);
    await q.query(`DROP INDEX redemptions_pool_succeeded_idx`);
    await q.query(`DROP INDEX coupon_codes_issued_idx`);
  }
}
