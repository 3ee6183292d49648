import { MigrationInterface, QueryRunner } from 'typeorm';

/** Creator profiles (with full-text search), streams, campaigns and the append-only budget ledger. */
export class Campaigns1764000002000 implements MigrationInterface {
  name = 'Campaigns1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE creators (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL UNIQUE REFERENCES organizations(id) ON DELETE CASCADE,
        handle citext NOT NULL UNIQUE,
        display_name varchar(100) NOT NULL,
        bio text,
        categories text[] NOT NULL DEFAULT '{}',
        country char(2),
        follower_count integer NOT NULL DEFAULT 0,
        average_viewers integer NOT NULL DEFAULT 0,
        rate_amount numeric(20,4),
        rate_currency char(3),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('simple', coalesce(handle::text, '')), 'A') ||
          setweight(to_tsvector('simple', coalesce(display_name, '')), 'B') ||
          setweight(to_tsvector('simple', coalesce(bio, '')), 'C')
        ) STORED
      )`);
    await q.query(`CREATE INDEX creators_search_idx ON creators USING GIN (search_vector)`);
    await q.query(`CREATE INDEX creators_categories_idx ON creators USING GIN (categories)`);
    await q.query(`CREATE INDEX creators_followers_idx ON creators (follower_count DESC, id)`);

    await q.query(`
      CREATE TABLE streams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        creator_id uuid NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
        title varchar(200) NOT NULL,
        external_id varchar(128),
        status text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED','LIVE','ENDED','CANCELLED')),
        scheduled_start_at timestamptz NOT NULL,
        started_at timestamptz,
        ended_at timestamptz,
        gifted_roses bigint NOT NULL DEFAULT 0,
        peak_viewers integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (creator_id, external_id)
      )`);
    await q.query(`CREATE INDEX streams_creator_idx ON streams (creator_id, scheduled_start_at, id)`);
    await q.query(`CREATE INDEX streams_schedule_idx ON streams (scheduled_start_at, id)`);

    await q.query(`
      CREATE TABLE campaigns (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        brand_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name varchar(120) NOT NULL,
        brief text NOT NULL,
        objective text NOT NULL,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','ACTIVE','PAUSED','COMPLETED','CANCELLED')),
        currency char(3) NOT NULL,
        budget numeric(20,4) NOT NULL CHECK (budget > 0),
        spent numeric(20,4) NOT NULL DEFAULT 0,
        reserved numeric(20,4) NOT NULL DEFAULT 0,
        rose_unit_price numeric(20,6) NOT NULL,
        starts_at timestamptz,
        ends_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (spent >= 0 AND reserved >= 0 AND spent + reserved <= budget),
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX campaigns_brand_idx ON campaigns (brand_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('RESERVE','COMMIT','RELEASE')),
        amount numeric(20,4) NOT NULL CHECK (amount > 0),
        ref_type varchar(32) NOT NULL,
        ref_id varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_entries_campaign_idx ON ledger_entries (campaign_id, id)`);

    for (const table of ['creators', 'streams', 'campaigns']) {
      await q.query(
        `CREATE TRIGGER ${table}_touch BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION bq_touch_updated_at()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['ledger_entries', 'campaigns', 'streams', 'creators']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
