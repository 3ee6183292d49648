import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

type PgQuery = { query: (...args: unknown[]) => unknown };

export interface StatementRecorder {
  /** The SQL text of every statement the app sends while `work` runs. */
  during(work: () => Promise<unknown>): Promise<string[]>;
  restore(): void;
}

/**
 * Records the statements of the app's own pg client class (every statement of the app goes
 * through it), to hold a request to its number of statements.
 */
export function recordStatements(dataSource: DataSource): StatementRecorder {
  const proto = ((dataSource.driver as PostgresDriver).master as { Client: { prototype: PgQuery } }).Client
    .prototype;
  const original = proto.query;
  let recorded: string[] | null = null;
  proto.query = function recordQuery(this: unknown, ...args: unknown[]) {
    const config = args[0] as string | { text?: string };
    if (recorded) recorded.push(typeof config === 'string' ? config : (config?.text ?? ''));
    return original.apply(this, args);
  };
  return {
    async during(work) {
      recorded = [];
      try {
        await work();
        return recorded;
      } finally {
        recorded = null;
      }
    },
    restore: () => (proto.query = original),
  };
}
