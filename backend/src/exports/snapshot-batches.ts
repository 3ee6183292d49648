import type { DataSource } from 'typeorm';

export type SnapshotQuery = <T>(sql: string, params?: unknown[]) => Promise<T[]>;

export interface KeysetOptions<Row, Key> {
  /** Rows per statement (and per batch handed to the writer). */
  batchSize: number;
  /** One page after `after` (null for the first), ordered by the key, at most `limit` rows. */
  page: (query: SnapshotQuery, after: Key | null, limit: number) => Promise<Row[]>;
  /** The key of a row, for the next page. */
  keyOf: (row: Row) => Key;
}

/**
 * Reads a large result in keyset pages inside one REPEATABLE READ, READ ONLY transaction on its own
 * connection: every page sees the same snapshot, so the export is consistent however long it
 * takes, and only one page is in memory at a time (the next is read when the consumer asks). The
 * connection goes back to the pool when the iteration ends, fails or is abandoned.
 */
export async function* snapshotBatches<Row, Key>(
  dataSource: DataSource,
  options: KeysetOptions<Row, Key>,
): AsyncGenerator<Row[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const query: SnapshotQuery = (sql, params = []) => runner.query(sql, params);
  let open = false;
  try {
    await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    open = true;
    let after: Key | null = null;
    for (;;) {
      const rows = await options.page(query, after, options.batchSize);
      if (rows.length === 0) break;
      yield rows;
      if (rows.length < options.batchSize) break;
      after = options.keyOf(rows[rows.length - 1]);
    }
    await runner.query('COMMIT');
    open = false;
  } finally {
    // Abandoned or failed: end the transaction before the connection goes back to the pool.
    if (open) await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}
