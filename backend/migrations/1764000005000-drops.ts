import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sponsored rose drops. The pool of a drop is split into shards so that a burst of claims spreads
 * over several rows instead of queueing on one (docs/adr/0007-drop-claim-shards.md).
 */
export class Drops1764000005000 implements MigrationInterface {
  name = 'Drops1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE drops (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        stream_id uuid NOT NULL REFERENCES streams(id) ON DELETE CASCADE,
        creator_id uuid NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
        trigger text NOT NULL CHECK (trigger IN ('SCHEDULED','MANUAL','GIFT_MILESTONE')),
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','OPEN','COMPLETED','CANCELLED','EXPIRED')),
        rose_count integer NOT NULL CHECK (rose_count BETWEEN 1 AND 1000000),
        per_viewer_limit integer NOT NULL CHECK (per_viewer_limit BETWEEN 1 AND 100),
        scheduled_at timestamptz,
        milestone_roses integer CHECK (milestone_roses > 0),
        claim_window_seconds integer NOT NULL CHECK (claim_window_seconds BETWEEN 10 AND 3600),
        coupon_pool_id uuid REFERENCES coupon_pools(id) ON DELETE SET NULL,
        unit_price numeric(20,6) NOT NULL,
        cost numeric(20,4) NOT NULL,
        currency char(3) NOT NULL,
        claimed_roses integer NOT NULL DEFAULT 0,
        claim_count integer NOT NULL DEFAULT 0,
        opened_at timestamptz,
        closes_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX drops_campaign_idx ON drops (campaign_id, created_at DESC)`);
    await q.query(`CREATE INDEX drops_stream_idx ON drops (stream_id, created_at DESC)`);
    await q.query(`CREATE INDEX drops_waiting_idx ON drops (stream_id) WHERE status IN ('SCHEDULED','OPEN')`);
    await q.query(`
      CREATE TABLE drop_shards (
        drop_id uuid NOT NULL REFERENCES drops(id) ON DELETE CASCADE,
        shard smallint NOT NULL,
        remaining integer NOT NULL CHECK (remaining >= 0),
        PRIMARY KEY (drop_id, shard)
      )`);
    await q.query(`
      CREATE TABLE drop_claims (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        drop_id uuid NOT NULL REFERENCES drops(id) ON DELETE CASCADE,
        viewer_id varchar(128) NOT NULL,
        n smallint NOT NULL,
        roses integer NOT NULL DEFAULT 1,
        coupon_code text,
        idempotency_key varchar(255),
        claimed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (drop_id, viewer_id, n),
        UNIQUE (drop_id, idempotency_key)
      )`);
    await q.query(`CREATE INDEX drop_claims_time_idx ON drop_claims (drop_id, claimed_at)`);
    await q.query(
      `CREATE TRIGGER drops_touch BEFORE UPDATE ON drops FOR EACH ROW EXECUTE FUNCTION bq_touch_updated_at()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS drop_claims`);
    await q.query(`DROP TABLE IF EXISTS drop_shards`);
    await q.query(`DROP TABLE IF EXISTS drops`);
  }
}
