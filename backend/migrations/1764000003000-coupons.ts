import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Coupon pools and their codes, redemptions, per-customer usage and idempotency keys.
 * Codes are stored upper-case and unique across the platform; the hot paths (issue one code,
 * count a use) are single conditional statements backed by the indexes below.
 */
export class Coupons1764000003000 implements MigrationInterface {
  name = 'Coupons1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE coupon_pools (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        name varchar(120) NOT NULL,
        discount_type text NOT NULL CHECK (discount_type IN ('PERCENT', 'FIXED_AMOUNT')),
        discount_value numeric(20,4) NOT NULL CHECK (discount_value > 0),
        code_prefix varchar(12) NOT NULL DEFAULT '',
        code_length smallint NOT NULL CHECK (code_length BETWEEN 6 AND 32),
        size integer NOT NULL CHECK (size BETWEEN 1 AND 5000000),
        generated_count integer NOT NULL DEFAULT 0 CHECK (generated_count >= 0 AND generated_count <= size),
        generation_status text NOT NULL DEFAULT 'PENDING'
          CHECK (generation_status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED')),
        failure_reason text,
        usage_limit_per_code integer NOT NULL DEFAULT 1 CHECK (usage_limit_per_code >= 1),
        per_customer_limit integer CHECK (per_customer_limit >= 1),
        starts_at timestamptz,
        expires_at timestamptz,
        creator_id uuid REFERENCES creators(id) ON DELETE SET NULL,
        issued_count integer NOT NULL DEFAULT 0 CHECK (issued_count >= 0),
        redemption_count integer NOT NULL DEFAULT 0 CHECK (redemption_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (expires_at IS NULL OR starts_at IS NULL OR expires_at > starts_at)
      )`);
    await q.query(`CREATE INDEX coupon_pools_campaign_idx ON coupon_pools (campaign_id, created_at)`);
    await q.query(
      `CREATE INDEX coupon_pools_unfinished_idx ON coupon_pools (created_at) WHERE generation_status IN ('PENDING', 'RUNNING')`,
    );

    await q.query(`
      CREATE TABLE coupon_codes (
        id bigserial PRIMARY KEY,
        pool_id uuid NOT NULL REFERENCES coupon_pools(id) ON DELETE CASCADE,
        code text NOT NULL,
        status text NOT NULL DEFAULT 'AVAILABLE' CHECK (status IN ('AVAILABLE', 'ISSUED', 'EXHAUSTED')),
        redemption_count integer NOT NULL DEFAULT 0,
        issued_at timestamptz,
        issued_drop_id uuid,
        issued_stream_id uuid,
        CONSTRAINT coupon_codes_code_key UNIQUE (code),
        CHECK (code = upper(code)),
        CHECK (redemption_count >= 0)
      )`);
    // Listing a pool's codes (keyset on id) and counting them.
    await q.query(`CREATE INDEX coupon_codes_pool_idx ON coupon_codes (pool_id, id)`);
    // "Issue one available code": WHERE pool_id = $1 AND status = 'AVAILABLE' ORDER BY id ... SKIP LOCKED.
    await q.query(
      `CREATE INDEX coupon_codes_available_idx ON coupon_codes (pool_id, id) WHERE status = 'AVAILABLE'`,
    );

    await q.query(`
      CREATE TABLE redemptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pool_id uuid NOT NULL REFERENCES coupon_pools(id) ON DELETE CASCADE,
        code_id bigint NOT NULL REFERENCES coupon_codes(id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        creator_id uuid REFERENCES creators(id) ON DELETE SET NULL,
        stream_id uuid,
        drop_id uuid,
        customer_id varchar(128) NOT NULL,
        order_id varchar(128) NOT NULL,
        order_amount numeric(20,4) NOT NULL CHECK (order_amount >= 0),
        currency char(3) NOT NULL,
        discount numeric(20,4) NOT NULL CHECK (discount >= 0),
        status text NOT NULL DEFAULT 'SUCCEEDED' CHECK (status IN ('SUCCEEDED', 'ROLLED_BACK')),
        redeemed_at timestamptz NOT NULL DEFAULT now(),
        rolled_back_at timestamptz,
        rollback_reason varchar(500),
        CHECK ((status = 'ROLLED_BACK') = (rolled_back_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX redemptions_code_idx ON redemptions (code_id)`);
    await q.query(`CREATE INDEX redemptions_pool_idx ON redemptions (pool_id, redeemed_at)`);
    await q.query(`CREATE INDEX redemptions_campaign_idx ON redemptions (campaign_id, redeemed_at)`);

    await q.query(`
      CREATE TABLE customer_usages (
        pool_id uuid NOT NULL REFERENCES coupon_pools(id) ON DELETE CASCADE,
        customer_id varchar(128) NOT NULL,
        uses integer NOT NULL CHECK (uses >= 0),
        PRIMARY KEY (pool_id, customer_id)
      )`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        brand_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        key varchar(255) NOT NULL,
        request_hash bytea NOT NULL,
        response jsonb NOT NULL,
        status_code integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (brand_id, key)
      )`);
    // Keys are kept at least 24 hours; the purge deletes older ones through this index.
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'customer_usages',
      'redemptions',
      'coupon_codes',
      'coupon_pools',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
