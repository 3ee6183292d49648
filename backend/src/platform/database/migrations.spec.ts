import { Client } from 'pg';
import { MIGRATIONS } from '../../../migrations';
import { createEmptyDatabase, TestDatabase } from '../../testing/test-database';
import { migrate } from './migrate';

async function tables(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
    );
    return rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createEmptyDatabase()));
  afterAll(() => db.drop());

  it('apply every migration, undo each one with its down, and apply again', async () => {
    const applied = await migrate(db.url);
    expect(applied).toEqual(MIGRATIONS.map((m) => new m().name));
    const created = await tables(db.url);
    expect(await migrate(db.url)).toEqual([]);

    const reverted = await migrate(db.url, 'down', MIGRATIONS.length);
    expect(reverted).toEqual(applied.slice().reverse());
    expect(await tables(db.url)).toEqual([]);

    expect(await migrate(db.url)).toEqual(applied);
    expect(await tables(db.url)).toEqual(created);
  });

  it('run once when several processes migrate at the same time', async () => {
    const other = await createEmptyDatabase();
    try {
      const results = await Promise.all([migrate(other.url), migrate(other.url), migrate(other.url)]);
      expect(results.flat()).toHaveLength(MIGRATIONS.length);
    } finally {
      await other.drop();
    }
  });
});
