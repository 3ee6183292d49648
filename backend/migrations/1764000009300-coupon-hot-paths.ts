import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The two hot paths of coupons: generating codes in bulk (benchmark R3) and redeeming one in a
 * single statement (R1).
 *
 * R1: `customer_usages.use_limit` holds the pool's `perCustomerLimit` as of the last use, and
 * the check `uses <= use_limit` refuses a use beyond it. The redemption statement counts the use
 * unconditionally; a refusal aborts the whole statement (code use, redemption and idempotency
 * answer together), so no savepoint and no second round trip are needed to undo the code's use.
 *
 * R3: bulk code generation. `coupon_codes.code` compares bytewise (COLLATE "C"): codes are
 * upper-case ASCII (prefix A-Z 2-9, the code alphabet), where byte order is the only order anyone
 * needs, and each insert into (and lookup in) the global unique index then compares with memcmp
 * instead of the database locale's strcoll, about 1 to 2 s of Postgres CPU per 1,000,000 codes
 * (more on databases with a language locale such as en_US.UTF-8). The ALTER rewrites the table
 * and its indexes once. And no per-row foreign key check:
 *
 * `coupon_codes.pool_id REFERENCES coupon_pools ON DELETE CASCADE` ran one RI query per inserted
 * code (`SELECT 1 FROM coupon_pools WHERE id = $1 FOR KEY SHARE`): about 3 s of Postgres CPU per
 * 1,000,000 codes, as much as the whole `\copy` of those codes into a uniquely indexed table, and
 * more with two writers (each check takes the pool row's lock again, as a MultiXact). The same
 * guarantees now come from triggers that act once per statement:
 *
 * - after INSERT, per statement: every pool of the inserted rows (transition table) must exist;
 *   they are locked FOR KEY SHARE, as the foreign key did, so a concurrent pool DELETE waits for
 *   the inserting transaction (and then removes its codes) or the insert fails with
 *   foreign_key_violation (23503) naming the pool;
 * - before UPDATE OF pool_id: a code never moves to another pool (rejected, 23503);
 * - after DELETE on coupon_pools: the pool's codes are deleted (the old ON DELETE CASCADE; the
 *   redemptions of those codes cascade from their own foreign keys as before).
 */
export class CouponHotPaths1764000009300 implements MigrationInterface {
  name = 'CouponHotPaths1764000009300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE customer_usages ADD COLUMN use_limit integer,
        ADD CONSTRAINT customer_usages_within_limit CHECK (use_limit IS NULL OR uses <= use_limit)`);
    await q.query(`ALTER TABLE coupon_codes ALTER COLUMN code TYPE text COLLATE "C"`);
    await q.query(`ALTER TABLE coupon_codes DROP CONSTRAINT coupon_codes_pool_id_fkey`);
    await q.query(`
      CREATE FUNCTION coupon_codes_require_pools() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        missing uuid;
      BEGIN
        SELECT a.pool_id INTO missing
          FROM (SELECT DISTINCT pool_id FROM added_codes) a
         WHERE NOT EXISTS (SELECT 1 FROM coupon_pools p WHERE p.id = a.pool_id FOR KEY SHARE OF p)
         LIMIT 1;
        IF FOUND THEN
          RAISE EXCEPTION 'coupon_codes.pool_id: coupon pool % does not exist', missing
            USING ERRCODE = 'foreign_key_violation', TABLE = 'coupon_codes', COLUMN = 'pool_id';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER coupon_codes_require_pools AFTER INSERT ON coupon_codes
        REFERENCING NEW TABLE AS added_codes
        FOR EACH STATEMENT EXECUTE FUNCTION coupon_codes_require_pools()`);
    await q.query(`
      CREATE FUNCTION coupon_codes_keep_pool() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'coupon_codes.pool_id: code % belongs to pool % and cannot move to pool %',
          OLD.id, OLD.pool_id, NEW.pool_id
          USING ERRCODE = 'foreign_key_violation', TABLE = 'coupon_codes', COLUMN = 'pool_id';
      END $$`);
    await q.query(`
      CREATE TRIGGER coupon_codes_keep_pool BEFORE UPDATE OF pool_id ON coupon_codes
        FOR EACH ROW WHEN (NEW.pool_id IS DISTINCT FROM OLD.pool_id)
        EXECUTE FUNCTION coupon_codes_keep_pool()`);
    await q.query(`
      CREATE FUNCTION coupon_pools_delete_codes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM coupon_codes WHERE pool_id = OLD.id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER coupon_pools_delete_codes AFTER DELETE ON coupon_pools
        FOR EACH ROW EXECUTE FUNCTION coupon_pools_delete_codes()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER coupon_pools_delete_codes ON coupon_pools`);
    await q.query(`DROP FUNCTION coupon_pools_delete_codes()`);
    await q.query(`DROP TRIGGER coupon_codes_keep_pool ON coupon_codes`);
    await q.query(`DROP FUNCTION coupon_codes_keep_pool()`);
    await q.query(`DROP TRIGGER coupon_codes_require_pools ON coupon_codes`);
    await q.query(`DROP FUNCTION coupon_codes_require_pools()`);
    await q.query(`
      ALTER TABLE coupon_codes ADD CONSTRAINT coupon_codes_pool_id_fkey
        FOREIGN KEY (pool_id) REFERENCES coupon_pools(id) ON DELETE CASCADE`);
    await q.query(`ALTER TABLE coupon_codes ALTER COLUMN code TYPE text COLLATE "default"`);
    await q.query(
      `ALTER TABLE customer_usages DROP CONSTRAINT customer_usages_within_limit, DROP COLUMN use_limit`,
    );
  }
}
