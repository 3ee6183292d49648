import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { eventually } from '@bouquet/testing';
import { createEmptyDatabase, TestDatabase } from '../../testing/test-database';
import { dataSourceOptions } from './data-source-options';
import { PoolErrorListener } from './pool-errors';

/** The pg client a query runner holds. */
const clientOf = (runner: QueryRunner) =>
  (runner as unknown as { databaseConnection: Client & NodeJS.EventEmitter }).databaseConnection;

/** The pg pool behind a data source, with the counters these tests read. */
const poolOf = (ds: DataSource) =>
  (ds.driver as unknown as { master: { waitingCount: number; idleCount: number; totalCount: number } })
    .master;

/** The error pg emits when Postgres terminates the connection (pg_terminate_backend, a restart). */
const terminated = () =>
  Object.assign(new Error('terminating connection due to administrator command'), {
    code: '57P01',
    severity: 'FATAL',
  });

describe('PoolErrorListener', () => {
  let db: TestDatabase;
  let dataSource: DataSource | undefined;
  let admin: Client;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    admin = new Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.end();
    await db.drop();
  });
  let warn: jest.SpyInstance;
  beforeEach(() => (warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined)));
  afterEach(async () => {
    warn.mockRestore();
    await dataSource?.destroy();
  });

  const lossesLogged = () =>
    warn.mock.calls.filter(([message]) => String(message).startsWith('connection lost')).length;

  /** A data source with the listener installed as the app does: after TypeORM opened its first client. */
  const connect = async (poolSize: number) => {
    dataSource = new DataSource(dataSourceOptions(db.url, poolSize, 'bouquet-pool-errors'));
    await dataSource.initialize();
    new PoolErrorListener(dataSource).onModuleInit();
    return dataSource;
  };

  it('survives Postgres terminating every checked-out client between two statements of a transaction', async () => {
    const ds = await connect(3);
    // Every client of the pool, the one TypeORM opened first included, idle in a transaction.
    const runners = Array.from({ length: 3 }, () => ds.createQueryRunner());
    for (const runner of runners) {
      await runner.connect();
      await runner.startTransaction();
    }
    const pids = await Promise.all(
      runners.map(async (r) => (await r.query(`SELECT pg_backend_pid() AS pid`))[0].pid as number),
    );
    expect(new Set(pids).size).toBe(3);
    const ended = runners.map((r) => new Promise((resolve) => clientOf(r).once('end', resolve)));

    const { rows } = await admin.query(
      `SELECT pg_terminate_backend(pid) AS done FROM unnest($1::int[]) AS pid`,
      [pids],
    );
    expect(rows.map((r) => r.done)).toEqual(pids.map(() => true));
    await Promise.all(ended);
    // Each loss is logged once.
    expect(lossesLogged()).toBe(3);

    // The broken clients go back to the pool, which discards them; the next requests get new ones.
    for (const runner of runners) {
      await expect(runner.rollbackTransaction()).rejects.toThrow();
      await runner.release();
    }
    const answers = await Promise.all(runners.map(() => ds.query(`SELECT 1 AS one`)));
    expect(answers).toEqual(runners.map(() => [{ one: 1 }]));
  });

  it('hears a client that fails while being handed to a waiting query runner, before the runner listens', async () => {
    // One client: the one TypeORM opened while initializing, before any Nest provider existed.
    const ds = await connect(1);
    const pool = poolOf(ds);
    const holder = ds.createQueryRunner();
    await holder.connect();
    const client = clientOf(holder);
    const waiter = ds.createQueryRunner();
    const waiting = waiter.connect();
    await new Promise((resolve) => setImmediate(resolve));
    expect(pool.waitingCount).toBe(1);

    // Releasing hands the client to the waiter at once; the runner attaches its own listener only
    // some promise ticks later. In production the release happens while pg parses the client's
    // socket data, and a FATAL message in the same chunk is emitted right then, as here.
    void holder.release();
    expect(clientOf(waiter)).toBeUndefined();
    expect(() => client.emit('error', terminated())).not.toThrow();

    await waiting;
    expect(clientOf(waiter)).toBe(client);
    await waiter.release();
  });

  it('logs, once, a client Postgres terminates while it is idle in the pool', async () => {
    const ds = await connect(2);
    const pool = poolOf(ds);
    expect(pool.idleCount).toBe(1);
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'bouquet-pool-errors'`,
    );
    await eventually('the pool to drop the client', async () => pool.totalCount === 0);
    expect(lossesLogged()).toBe(1);
    expect(await ds.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });
});
