import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrl, freePort, TEST_DATABASE_URL, TEST_REDIS_URL } from '@bouquet/testing';

export const ROOT = join(__dirname, '..', '..');
export const BACKEND_MAIN = join(ROOT, 'dist/backend/backend/src/main.js');

/** An empty database of its own; the backend process migrates it at boot. */
export async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bq_e2e_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  return { url: databaseUrl(name), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface BackendProcess {
  baseUrl: string;
  child: ChildProcess;
  output: () => string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts the BUILT backend (`npm test` builds it first) as a real process. */
export async function startBackend(env: Record<string, string>): Promise<BackendProcess> {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [BACKEND_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      REDIS_URL: TEST_REDIS_URL,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`backend exited early (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).status === 200)
        return { baseUrl, child, output: () => log, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`backend did not become ready:\n${log}`);
}

export async function gql<T = any>(
  baseUrl: string,
  query: string,
  variables?: object,
  token?: string,
): Promise<{ data?: T; errors?: any[] }> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json() as Promise<{ data?: T; errors?: any[] }>;
}

/**
 * `work`, but when it fails, the error also tells which backend processes exited meanwhile and
 * ends with their logs: a dropped connection then shows whether a process died, and why.
 */
export async function explainingExits<T>(processes: BackendProcess[], work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    // A process that just died may not have reported its exit yet (later still on a loaded host):
    // give one up to 3 s to do so.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      ...processes.map((p) => p.exited),
      new Promise((r) => (timer = setTimeout(r, 3_000))),
    ]);
    clearTimeout(timer);
    const exits = processes
      .map((p, i) => ({ p, i }))
      .filter(({ p }) => p.child.exitCode !== null || p.child.signalCode !== null)
      .map(
        ({ p, i }) =>
          `backend #${i} (${p.baseUrl}) exited (code ${p.child.exitCode}, signal ${p.child.signalCode}); its log ends:\n${p.output().slice(-4000)}`,
      );
    // Not `instanceof Error`: fetch's errors come from another realm than the test's.
    if (!exits.length || typeof (error as Error)?.message !== 'string') throw error;
    (error as Error).message += `\n\n${exits.join('\n\n')}`;
    throw error;
  }
}

/** Sends a signal to a backend process and waits for it to exit; resolves with the exit code (null when killed). */
export async function stopBackend(
  backend: BackendProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<number | null> {
  if (backend.child.exitCode !== null || backend.child.signalCode !== null) return backend.child.exitCode;
  backend.child.kill(signal);
  return backend.exited;
}

/** Polls until `check` holds; throws with `what` when `timeoutMs` passes first. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A plain Postgres client of a test database (assertions read the truth directly). */
export async function sqlClient(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, application_name: 'reliability-test' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}
