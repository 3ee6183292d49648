import { MigrationInterface, QueryRunner } from 'typeorm';

/** Offers between a campaign and a creator, their versioned terms and their message thread. */
export class Negotiation1764000004000 implements MigrationInterface {
  name = 'Negotiation1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE offers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
        creator_id uuid NOT NULL REFERENCES creators(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING','ACCEPTED','DECLINED','WITHDRAWN','EXPIRED')),
        awaiting text CHECK (awaiting IN ('BRAND','CREATOR')),
        version integer NOT NULL DEFAULT 1,
        revision_count integer NOT NULL DEFAULT 1,
        expires_at timestamptz,
        accepted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'PENDING') = (awaiting IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX offers_one_open_idx ON offers (campaign_id, creator_id) WHERE status = 'PENDING'`,
    );
    await q.query(`CREATE INDEX offers_creator_idx ON offers (creator_id, created_at DESC)`);
    await q.query(`CREATE INDEX offers_campaign_idx ON offers (campaign_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX offers_pending_expiry_idx ON offers (expires_at) WHERE status = 'PENDING' AND expires_at IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE offer_revisions (
        offer_id uuid NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
        number integer NOT NULL,
        fee_amount numeric(20,4) NOT NULL CHECK (fee_amount >= 0),
        currency char(3) NOT NULL,
        stream_count integer NOT NULL CHECK (stream_count > 0),
        rose_allowance integer NOT NULL CHECK (rose_allowance >= 0),
        coupon_discount_percent integer CHECK (coupon_discount_percent BETWEEN 1 AND 100),
        deliverables text,
        starts_at timestamptz,
        ends_at timestamptz,
        proposed_by text NOT NULL CHECK (proposed_by IN ('BRAND','CREATOR')),
        message text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (offer_id, number)
      )`);
    await q.query(`
      CREATE TABLE offer_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL UNIQUE,
        offer_id uuid NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
        author_user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        party text NOT NULL CHECK (party IN ('BRAND','CREATOR')),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX offer_messages_offer_idx ON offer_messages (offer_id, seq)`);
    await q.query(
      `CREATE TRIGGER offers_touch BEFORE UPDATE ON offers FOR EACH ROW EXECUTE FUNCTION bq_touch_updated_at()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS offer_messages`);
    await q.query(`DROP TABLE IF EXISTS offer_revisions`);
    await q.query(`DROP TABLE IF EXISTS offers`);
  }
}
