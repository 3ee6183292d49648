import { AbstractLogger, DataSource, LogLevel, LogMessage } from 'typeorm';
import { createEmptyDatabase, TestDatabase } from '../../testing/test-database';
import { UnitOfWork } from './unit-of-work';

/** Records every statement the data source sends. */
class StatementLog extends AbstractLogger {
  readonly statements: string[] = [];
  override logQuery(query: string): void {
    this.statements.push(query);
  }
  protected writeLog(_level: LogLevel, _message: LogMessage | LogMessage[]): void {
    // Only statements matter here.
  }
}

describe('UnitOfWork', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let log: StatementLog;
  let uow: UnitOfWork;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    log = new StatementLog();
    dataSource = new DataSource({ type: 'postgres', url: db.url, logger: log, logging: ['query'] });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE t (id int PRIMARY KEY, v int NOT NULL)`);
    uow = new UnitOfWork(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await db.drop();
  });
  beforeEach(() => log.statements.splice(0));

  it('opens a READ COMMITTED transaction in one statement', async () => {
    const level = await uow.run(() =>
      uow.query<{ transaction_isolation: string }[]>(`SHOW transaction_isolation`),
    );
    expect(level[0].transaction_isolation).toBe('read committed');
    expect(log.statements).toEqual(['START TRANSACTION', 'SHOW transaction_isolation', 'COMMIT']);
  });

  it('names any other isolation level', async () => {
    const level = await uow.run(
      () => uow.query<{ transaction_isolation: string }[]>(`SHOW transaction_isolation`),
      'REPEATABLE READ',
    );
    expect(level[0].transaction_isolation).toBe('repeatable read');
  });

  it('commits on success, rolls back on failure, and runs after-commit work only after a commit', async () => {
    const published: string[] = [];
    await uow.run(async () => {
      await uow.query(`INSERT INTO t VALUES (1, 1)`);
      uow.afterCommit(() => published.push('one'));
      // A nested run joins the same transaction.
      await uow.run(() => uow.query(`INSERT INTO t VALUES (2, 2)`));
    });
    await expect(
      uow.run(async () => {
        await uow.query(`INSERT INTO t VALUES (3, 3)`);
        uow.afterCommit(() => published.push('three'));
        await uow.query(`INSERT INTO t VALUES (1, 9)`);
      }),
    ).rejects.toThrow(/duplicate key/);
    const rows = await dataSource.query(`SELECT id, v FROM t ORDER BY id`);
    expect(rows).toEqual([
      { id: 1, v: 1 },
      { id: 2, v: 2 },
    ]);
    expect(published).toEqual(['one']);
  });
});
