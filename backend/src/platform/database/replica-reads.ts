import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { POOL_LIMITS } from './data-source-options';
import { isConnectionFailure } from './pg-errors';
import { UnitOfWork } from './unit-of-work';

/** How long the replica is left alone after a connection failure before it is tried again. */
export const REPLICA_PAUSE_MS = 10_000;

/**
 * Reads that may lag the primary by a replica's delay: the figures of reports, timelines and
 * overviews. With `DATABASE_READ_URL` set they run on that streaming replica, so analytics do not
 * compete with checkouts and claims for the primary; without it, or inside a unit of work (whose
 * snapshot they must share), they run as `UnitOfWork.query` does.
 *
 * Who may read what is never decided here: access checks read the primary, then the figures come
 * from the replica. The replica's pool connects on first use, so an unreachable replica never stops
 * a process from starting; and it never fails a request either: the read goes to the primary, and
 * the replica is left alone for `REPLICA_PAUSE_MS` before it is tried again.
 */
@Injectable()
export class ReplicaReads implements OnModuleDestroy {
  private readonly logger = new Logger(ReplicaReads.name);
  private pool?: Pool;
  private pausedUntil = 0;

  constructor(
    private readonly config: AppConfig,
    private readonly uow: UnitOfWork,
    private readonly metrics: MetricsService,
  ) {}

  /** Whether a replica is configured (DATABASE_READ_URL). */
  get configured(): boolean {
    return this.config.databaseReadUrl !== undefined;
  }

  async query<T = unknown>(sql: string, params: unknown[] = []): Promise<T> {
    if (!this.configured || this.uow.inTransaction) return this.uow.query<T>(sql, params);
    if (Date.now() < this.pausedUntil) return this.onPrimary<T>(sql, params);
    try {
      const { rows } = await this.replica().query(sql, params);
      this.metrics.replicaReads.inc({ served_by: 'replica' });
      return rows as T;
    } catch (error) {
      if (!isConnectionFailure(error)) throw new QueryFailedError(sql, params, error as Error);
      this.pausedUntil = Date.now() + REPLICA_PAUSE_MS;
      this.logger.warn(
        `read replica unreachable (${(error as Error).message}): reading from the primary for ${REPLICA_PAUSE_MS / 1000} s`,
      );
      return this.onPrimary<T>(sql, params);
    }
  }

  private onPrimary<T>(sql: string, params: unknown[]): Promise<T> {
    this.metrics.replicaReads.inc({ served_by: 'primary' });
    return this.uow.query<T>(sql, params);
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
  }

  private replica(): Pool {
    if (this.pool) return this.pool;
    this.pool = new Pool({
      connectionString: this.config.databaseReadUrl,
      max: this.config.databasePoolSize,
      application_name: `bouquet-${this.config.role}-reads`,
      ...POOL_LIMITS,
      // Sooner than the primary's: a replica that does not answer costs a report this long before
      // the read goes to the primary.
      connectionTimeoutMillis: 5_000,
    });
    // A connection the replica terminates (restart, failover) must not crash the process.
    this.pool.on('error', (error) => this.logger.warn(`read replica connection lost: ${error.message}`));
    return this.pool;
  }
}
