import { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { ENTITIES } from '../../entities';

/** Limits of every pg pool of the app (the primary's here, the read replica's in ReplicaReads). */
export const POOL_LIMITS = {
  // Fail fast instead of queueing forever when the pool is exhausted or Postgres is gone.
  connectionTimeoutMillis: 10_000,
  idleTimeoutMillis: 30_000,
  statement_timeout: 30_000,
};

/** One definition of the connection, used by the app, the migration CLI and the tests. */
export function dataSourceOptions(
  url: string,
  poolSize = 10,
  applicationName = 'bouquet',
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName,
    extra: {
      max: poolSize,
      ...POOL_LIMITS,
      // A session stuck `idle in transaction` is killed by Postgres after this.
      idle_in_transaction_session_timeout: 60_000,
    },
  };
}
