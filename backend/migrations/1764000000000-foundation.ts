import { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions and helpers every domain relies on. */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    // updated_at maintained by the database, so no code path can forget it.
    await q.query(`
      CREATE OR REPLACE FUNCTION bq_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN NEW.updated_at := now(); RETURN NEW; END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS bq_touch_updated_at()`);
    await q.query(`DROP EXTENSION IF EXISTS citext`);
  }
}
