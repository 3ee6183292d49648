import { randomBytes } from 'node:crypto';
import { clearRedisPrefix } from '@bouquet/testing';
import { apiAt } from './api';
import { DatabaseDigest } from './digest';
import { BackendProcess, createDatabase, startBackend, stopBackend } from './processes';
import { buildWorld, World } from './world';

/** A fresh database of its own: its URL, its name (for pg_stat_activity), and how to drop it. */
export interface Database {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function freshDatabase(): Promise<Database> {
  const db = await createDatabase();
  return { ...db, name: new URL(db.url).pathname.slice(1) };
}

/** The environment of one test deployment: its database and its Redis key prefix. */
export function deploymentEnv(db: Database, prefix: string, extra: Record<string, string> = {}) {
  return { DATABASE_URL: db.url, REDIS_PREFIX: prefix, LOGIN_MAX_ATTEMPTS: '1000', ...extra };
}

export interface WorldDeployment {
  db: Database;
  redisPrefix: string;
  /** The api process (the only one running once the world is built). */
  api: BackendProcess;
  world: World;
  digest: DatabaseDigest;
  close(): Promise<void>;
}

/**
 * The built backend on a fresh database with a whole world in it. The world is built while a
 * worker runs (coupon codes, exports...), then the worker stops: only the api role is left, so no
 * background job changes the database and a digest taken around a call shows what the call did.
 */
export async function startWorldDeployment(
  options: { env?: Record<string, string>; whileWorkerRuns?: (world: World) => Promise<void> } = {},
): Promise<WorldDeployment> {
  const db = await freshDatabase();
  const redisPrefix = `bqr${randomBytes(4).toString('hex')}`;
  const env = deploymentEnv(db, redisPrefix, options.env);
  const processes: BackendProcess[] = [];
  try {
    const api = await startBackend({ ...env, ROLE: 'api' });
    processes.push(api);
    const worker = await startBackend({ ...env, ROLE: 'worker' });
    processes.push(worker);
    const world = await buildWorld(apiAt(api.baseUrl), db.url);
    await options.whileWorkerRuns?.(world);
    await stopBackend(worker, 'SIGTERM');
    const digest = await DatabaseDigest.connect(db.url);
    return {
      db,
      redisPrefix,
      api,
      world,
      digest,
      async close() {
        await digest.close();
        await stopBackend(api, 'SIGKILL');
        await db.drop();
        await clearRedisPrefix(redisPrefix);
      },
    };
  } catch (error) {
    await Promise.all(processes.map((p) => stopBackend(p, 'SIGKILL')));
    await db.drop();
    throw error;
  }
}
