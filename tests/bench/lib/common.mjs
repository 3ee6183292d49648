// Paths, logging, the Postgres and Redis the bench runs on, and the OS tools (psql, pgbench).
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH_DIR, '../..');
/** Everything the bench writes besides docs/benchmarks.md: its build, data files, logs. */
export const WORK_DIR = path.join(ROOT, 'tmp/bench');
/** Where the bench builds the backend (BENCH_BUILD_DIR points --no-build runs at another build, for A/B). */
export const BUILD_DIR = process.env.BENCH_BUILD_DIR ?? path.join(WORK_DIR, 'build');
export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const started = Date.now();
export const log = (msg) =>
  console.log(`[bench ${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${msg}`);

/** A fresh random id fit for database names and Redis prefixes. */
export const randomId = (bytes = 4) => randomBytes(bytes).toString('hex');

/** Runs `work` with one connection to `url`. */
export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** An empty database of the bench's own; the api process migrates it at boot. */
export async function createDatabase() {
  const name = `bq_bench_${randomId()}`;
  await withClient(ADMIN_URL, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withClient(ADMIN_URL, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

/** How many more connections Postgres accepts now (others share the server), keeping a margin. */
export async function freeConnections(url, margin = 20) {
  return withClient(url, async (c) => {
    const {
      rows: [row],
    } = await c.query(
      `SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int
              - (SELECT count(*) FROM pg_stat_activity)::int AS free`,
    );
    return Math.max(0, row.free - margin);
  });
}

/** Runs a program to completion; resolves { stdout, stderr, ms }, rejects with its output on failure. */
export function runTool(cmd, args, { env, timeoutMs = 15 * 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    execFile(
      cmd,
      args,
      { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const ms = performance.now() - t0;
        if (error) reject(new Error(`${cmd} ${args.join(' ')} failed: ${error.message}\n${stderr}${stdout}`));
        else resolve({ stdout, stderr, ms });
      },
    );
  });
}

/** `psql <url> -c <command>` with errors stopping it; resolves the wall time in ms. */
export async function psql(url, command) {
  const { ms, stdout } = await runTool('psql', [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', command]);
  return { ms, stdout };
}

/**
 * Runs pgbench with a custom script for `seconds` and returns its transactions per second and
 * latency average. `vars` become `-D name=value`.
 */
export async function pgbench(url, { script, clients, seconds, vars = {} }) {
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const file = path.join(WORK_DIR, `pgbench-${randomId()}.sql`);
  fs.writeFileSync(file, script);
  try {
    const args = ['-n', '-c', String(clients), '-j', '2', '-T', String(seconds), '-f', file];
    for (const [k, v] of Object.entries(vars)) args.push('-D', `${k}=${v}`);
    args.push(url);
    const { stdout } = await runTool('pgbench', args);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
    const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
    const processed = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0);
    if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps:\n${stdout}`);
    return { tps, latencyMs: latency, processed, failed };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Starts a long-running child whose output is kept (last 200 kB) for error messages. */
export function spawnKeepingOutput(cmd, args, opts) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let output = '';
  const keep = (d) => {
    output += d;
    if (output.length > 200_000) output = output.slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.output = () => output;
  return child;
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
export async function stopChild(child, graceMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await gone;
  clearTimeout(timer);
}
