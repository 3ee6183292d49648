import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * CSV exports (coupon codes, campaign reports). The file lives under EXPORT_DIR; the row says who
 * owns it (organization_id: its members and granted agencies may download it) and how far the
 * worker got. `run_id` names the attempt allowed to write, so a duplicate or stale job stops.
 */
export class Exports1764000007000 implements MigrationInterface {
  name = 'Exports1764000007000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(64) NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED')),
        row_count integer CHECK (row_count >= 0),
        file_path text,
        file_name varchar(160) NOT NULL,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        error text,
        run_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (status <> 'DONE' OR (file_path IS NOT NULL AND row_count IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX exports_organization_idx ON exports (organization_id, created_at)`);
    // Boot recovery re-enqueues unfinished exports; the purge finds old ones.
    await q.query(
      `CREATE INDEX exports_unfinished_idx ON exports (created_at) WHERE status IN ('PENDING', 'RUNNING')`,
    );
    await q.query(`CREATE INDEX exports_created_idx ON exports (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE exports`);
  }
}
