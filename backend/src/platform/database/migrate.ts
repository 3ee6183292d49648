import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Serializes migrations across processes (several replicas may boot at once). */
const MIGRATION_LOCK = 'SELECT pg_advisory_lock(7212840001)';
const MIGRATION_UNLOCK = 'SELECT pg_advisory_unlock(7212840001)';

/** Applies pending migrations (or undoes the last `steps`) on a database URL; returns their names. */
export async function migrate(url: string, direction: 'up' | 'down' = 'up', steps = 1): Promise<string[]> {
  const ds = new DataSource(dataSourceOptions(url, 3, 'bouquet-migrate'));
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.connect();
    await lock.query(MIGRATION_LOCK);
    if (direction === 'up') {
      const done = await ds.runMigrations({ transaction: 'each' });
      return done.map((m) => m.name);
    }
    const undone: string[] = [];
    for (let i = 0; i < steps; i++) {
      const last = (await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`)) as {
        name: string;
      }[];
      if (!last.length) break;
      await ds.undoLastMigration({ transaction: 'each' });
      undone.push(last[0].name);
    }
    return undone;
  } finally {
    await lock.query(MIGRATION_UNLOCK).catch(() => undefined);
    await lock.release();
    await ds.destroy();
  }
}
