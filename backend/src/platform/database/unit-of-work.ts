import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool } from 'pg';
import {
  DataSource,
  EntityManager,
  EntityTarget,
  ObjectLiteral,
  QueryFailedError,
  Repository,
} from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

interface Unit {
  manager: EntityManager;
  afterCommit: (() => unknown)[];
}

/**
 * The transaction follows the request: `run()` opens one and every repository obtained through
 * `manager`/`repo()` inside it joins that transaction, so no query slips out of it by mistake.
 * Outside `run()`, queries use the pool directly (autocommit).
 */
@Injectable()
export class UnitOfWork {
  private readonly storage = new AsyncLocalStorage<Unit>();

  constructor(readonly dataSource: DataSource) {}

  /** The transactional manager when inside `run()`, else the default manager. */
  get manager(): EntityManager {
    return this.storage.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.storage.getStore() !== undefined;
  }

  repo<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T> {
    return this.manager.getRepository(entity);
  }

  /**
   * Runs `work` in a transaction (joining the current one if there is one), committing when it
   * resolves and rolling back when it throws.
   */
  async run<T>(
    work: (manager: EntityManager) => Promise<T>,
    isolation: IsolationLevel = 'READ COMMITTED',
  ): Promise<T> {
    const current = this.storage.getStore();
    if (current) return work(current.manager);
    const afterCommit: (() => unknown)[] = [];
    const body = (manager: EntityManager) => this.storage.run({ manager, afterCommit }, () => work(manager));
    // READ COMMITTED is PostgreSQL's default: a bare START TRANSACTION gets it without the second
    // round trip (SET TRANSACTION ISOLATION LEVEL) TypeORM sends whenever a level is named.
    const result =
      isolation === 'READ COMMITTED'
        ? await this.dataSource.transaction(body)
        : await this.dataSource.transaction(isolation, body);
    for (const fn of afterCommit) {
      try {
        await fn();
      } catch {
        // Side effects after commit (live events) are best effort; the database already holds the truth.
      }
    }
    return result;
  }

  /**
   * Runs `fn` once the current transaction has committed (right away when there is none), e.g. to
   * publish a live event only for changes that really happened.
   */
  afterCommit(fn: () => unknown): void {
    const current = this.storage.getStore();
    if (current) current.afterCommit.push(fn);
    else
      void Promise.resolve()
        .then(fn)
        .catch(() => undefined);
  }

  /**
   * Runs `fn` outside any unit of work, even when called inside one: for work started on behalf
   * of many requests (e.g. a batch) that must not join the transaction of the request that
   * happened to start it.
   */
  detached<T>(fn: () => T): T {
    return this.storage.exit(fn);
  }

  /** Raw SQL in the current unit of work. */
  query<T = unknown>(sql: string, params: unknown[] = []): Promise<T> {
    return this.manager.query(sql, params) as Promise<T>;
  }

  /**
   * A hot statement as a named prepared statement: outside a unit of work it runs on the pool's
   * connection (autocommit, as `query`), and Postgres parses and plans it once per connection
   * instead of at every execution (it may settle on a generic plan after five: fit for statements
   * over `unnest`ed batches and key lookups). Inside a unit of work it runs as `query` does.
   * Errors are TypeORM's `QueryFailedError`, as from `query`.
   */
  async prepared<T>(name: string, sql: string, params: unknown[]): Promise<T[]> {
    if (this.inTransaction) return this.query<T[]>(sql, params);
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    try {
      const { rows } = await pool.query({ name, text: sql, values: params });
      return rows as T[];
    } catch (error) {
      throw new QueryFailedError(sql, params, error as Error);
    }
  }
}
