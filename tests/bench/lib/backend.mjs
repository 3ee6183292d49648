// Builds the backend into tmp/bench/build and runs it as real processes (api and worker roles).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {
  BENCH_DIR,
  BUILD_DIR,
  log,
  REDIS_URL,
  ROOT,
  runTool,
  sleep,
  spawnKeepingOutput,
  stopChild,
} from './common.mjs';

export const BACKEND_MAIN = path.join(BUILD_DIR, 'backend/src/main.js');
const QUERY_RECORDER = path.join(BENCH_DIR, 'support/record-queries.cjs');

/**
 * `tsc` + `tsc-alias` of backend/tsconfig.app.json, like the backend's build target, but into the
 * bench's own folder so a bench never swaps dist/ under a test that is running from it.
 */
export async function buildBackend() {
  const t0 = performance.now();
  fs.rmSync(BUILD_DIR, { recursive: true, force: true });
  const npx = (args) => runTool('npx', args, { env: { NX_DAEMON: 'false' } });
  await npx(['tsc', '-p', path.join(ROOT, 'backend/tsconfig.app.json'), '--outDir', BUILD_DIR]);
  await npx(['tsc-alias', '-p', path.join(ROOT, 'backend/tsconfig.app.json'), '--outDir', BUILD_DIR]);
  if (!fs.existsSync(BACKEND_MAIN)) throw new Error(`the build did not produce ${BACKEND_MAIN}`);
  return performance.now() - t0;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200; throws with the child's output when it exits or times out. */
export async function waitReady(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`process exited early (${child.exitCode}):\n${child.output()}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000}s:\n${child.output()}`);
}

/**
 * Starts the built backend in one role on the bench database and Redis prefix. `recordQueries`
 * preloads a recorder of the pg client's statements, driven over the IPC channel (see
 * support/record-queries.cjs): used to count the statements of one GraphQL request.
 */
export async function startBackend({ role, databaseUrl, redisPrefix, env = {}, recordQueries = false }) {
  const port = await freePort();
  const args = [];
  if (recordQueries) args.push('--require', QUERY_RECORDER);
  args.push(...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), BACKEND_MAIN);
  const child = spawnKeepingOutput(process.execPath, args, {
    cwd: path.join(ROOT, 'tmp/bench'),
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
      PORT: String(port),
      ROLE: role,
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      EXPORT_DIR: path.join(ROOT, 'tmp/bench/exports'),
      ...env,
    },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitReady(`${baseUrl}/health/ready`, child);
  log(`${role} process ${child.pid} ready on ${baseUrl}`);
  return {
    role,
    baseUrl,
    child,
    /** Runs `work` while the process records its SQL; resolves { result, queries: [{ text, params, ms }] }. */
    async recordQueries(work) {
      if (!recordQueries) throw new Error(`the ${role} process was started without the query recorder`);
      await ipc(child, { type: 'bench:record', on: true }, 'bench:recording');
      const result = await work();
      const { queries } = await ipc(child, { type: 'bench:record', on: false }, 'bench:recorded');
      return { result, queries };
    },
    stop: () => stopChild(child),
  };
}

function ipc(child, message, answerType) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${answerType} answer from ${child.pid}`)), 10_000);
    const onMessage = (m) => {
      if (m?.type !== answerType) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}
