// `npm start`: builds everything (unless SKIP_BUILD=1), brings up PostgreSQL and
// Redis (embedded unless DATABASE_URL / REDIS_URL are set), runs the backend
// (API, workers and portal in one process) and waits for /health/ready.
// Ctrl-C / SIGTERM stop the backend first, then Redis and PostgreSQL.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  dataRoot,
  ensurePostgres,
  ensureRedis,
  log,
  onSignals,
  repoRoot,
  run,
  waitForHttp,
} from './services.mjs';

const entry = path.join(repoRoot, 'dist/backend/backend/src/main.js');
const portalDir = path.join(repoRoot, 'dist/frontend/browser');
const services = [];
let backend;
let failed = false;
let shuttingDown;
const running = (child) => child && child.exitCode === null && child.signalCode === null;

function shutdown(code) {
  return (shuttingDown ??= (async () => {
    for (const service of services.reverse())
      await service.stop().catch((err) => log(`stop failed: ${err.message}`));
    process.exit(code);
  })());
}

function jwtSecret() {
  const file = path.join(dataRoot, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataRoot, { recursive: true });
    fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

onSignals((signal) => {
  log(`${signal} received: shutting down ...`);
  // The backend has its own process group, so only this forwarded signal reaches it; its exit handler finishes up.
  if (running(backend)) backend.kill(signal);
  else shutdown(128 + os.constants.signals[signal]);
});

try {
  if (process.env.SKIP_BUILD !== '1') {
    log('building backend and portal (SKIP_BUILD=1 skips this) ...');
    await run('npx', ['nx', 'run-many', '-t', 'build', '--parallel=2'], {
      env: { ...process.env, NX_DAEMON: 'false' },
    });
  }
  if (!fs.existsSync(entry))
    throw new Error(`${path.relative(repoRoot, entry)} is missing: build first (npx nx run-many -t build)`);

  const db = await ensurePostgres();
  services.push(db);
  const redis = await ensureRedis();
  services.push(redis);

  const port = process.env.PORT || '3000';
  const env = {
    ...process.env,
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    SEED_DEMO: process.env.SEED_DEMO ?? String(db.embedded),
    NODE_ENV: process.env.NODE_ENV || 'development',
    JWT_SECRET: process.env.JWT_SECRET || jwtSecret(),
    PORT: port,
    PORTAL_DIR: portalDir,
  };
  log(`starting backend (${path.relative(repoRoot, entry)}) on port ${port} ...`);
  backend = spawn(process.execPath, [entry], { cwd: repoRoot, env, stdio: 'inherit', detached: true });
  process.on('exit', () => running(backend) && backend.kill('SIGTERM'));
  backend.on('exit', (code, signal) => {
    log(`backend exited (${signal ?? `code ${code}`})`);
    shutdown(failed ? 1 : (code ?? 128 + (os.constants.signals[signal] ?? 0)));
  });

  await waitForHttp(`http://127.0.0.1:${port}/health/ready`, 180_000, {
    abort: () => (running(backend) ? undefined : 'backend exited before it was ready'),
  });
  console.log('');
  log(`Bouquet is running at http://localhost:${port}`);
  log('press Ctrl-C to stop');
} catch (err) {
  console.error(`[bouquet] ${err.message}`);
  failed = true;
  if (running(backend))
    backend.kill('SIGTERM'); // its exit handler stops the services
  else if (!backend) await shutdown(1); // else its exit handler is already on it
}
