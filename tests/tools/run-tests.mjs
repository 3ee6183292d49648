// `npm test [-- <jest args>]`: makes PostgreSQL and Redis available to the tests
// (TEST_DATABASE_URL / TEST_REDIS_URL; else the machine's own on 5432 / 6379;
// else embedded ones), builds the backend and the portal once (unless
// SKIP_BUILD=1: some tests start real backend processes, the browser tests in
// tests/e2e/portal drive the portal they serve), runs Jest over all projects and
// ends with the line "N passed, N failed[, N skipped]". Exits with Jest's exit code.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  dataRoot,
  ensurePostgres,
  ensureRedis,
  log,
  onSignals,
  redisPing,
  repoRoot,
  run,
} from '../../infra/launcher/services.mjs';

const resultsFile = path.join(repoRoot, 'tmp/jest-results.json');
const services = [];
let jest;

async function stopServices() {
  for (const service of services.reverse())
    await service.stop().catch((err) => log(`stop failed: ${err.message}`));
}

onSignals(async (signal) => {
  if (jest && jest.exitCode === null) jest.kill(signal);
  await stopServices();
  process.exit(128 + os.constants.signals[signal]);
});

async function pgAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined); // a refused connection is an answer, not a crash
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function testDatabaseUrl() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await pgAnswers(local)) return (log(`using the PostgreSQL on 127.0.0.1:5432`), local);
  const db = await ensurePostgres({
    dataDir: path.join(dataRoot, 'test-postgres'),
    database: 'postgres',
    useEnv: false,
  });
  services.push(db);
  return db.url;
}

async function testRedisUrl() {
  if (process.env.TEST_REDIS_URL) return process.env.TEST_REDIS_URL;
  const local = 'redis://127.0.0.1:6379';
  if (await redisPing(local)) return (log('using the Redis on 127.0.0.1:6379'), local);
  const redis = await ensureRedis({ useEnv: false });
  services.push(redis);
  return redis.url;
}

/** The root jest.config.js, or (while it is missing) a generated one in tmp/ with the project configs that exist. */
function jestConfig() {
  if (fs.existsSync(path.join(repoRoot, 'jest.config.js'))) return 'jest.config.js';
  const projects = ['shared', 'shared/testing', 'backend', 'frontend', 'tests']
    .map((dir) => path.join(repoRoot, dir, 'jest.config.js'))
    .filter((file) => fs.existsSync(file));
  const file = path.join(repoRoot, 'tmp/jest.config.generated.js');
  fs.writeFileSync(file, `module.exports = ${JSON.stringify({ rootDir: repoRoot, projects }, null, 2)};\n`);
  return path.relative(repoRoot, file);
}

function summary() {
  if (!fs.existsSync(resultsFile)) return null;
  const r = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  if (r.numRuntimeErrorTestSuites)
    log(`${r.numRuntimeErrorTestSuites} test suite(s) failed to run (see above)`);
  return `${r.numPassedTests} passed, ${r.numFailedTests} failed${r.numPendingTests ? `, ${r.numPendingTests} skipped` : ''}`;
}

let code = 1;
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.rmSync(resultsFile, { force: true });
try {
  if (process.env.SKIP_BUILD !== '1') {
    const env = { ...process.env, NX_DAEMON: 'false' };
    log('building the backend (SKIP_BUILD=1 skips this) ...');
    await run('npx', ['nx', 'run', 'backend:build'], { env });
    log('building the portal for the browser tests ...');
    await run('npx', ['nx', 'run', 'frontend:build'], { env });
  }
  const env = {
    ...process.env,
    TEST_DATABASE_URL: await testDatabaseUrl(),
    TEST_REDIS_URL: await testRedisUrl(),
  };
  const args = [
    'jest',
    '-c',
    jestConfig(),
    '--json',
    `--outputFile=${path.relative(repoRoot, resultsFile)}`,
    ...process.argv.slice(2),
  ];
  jest = spawn('npx', args, { cwd: repoRoot, env, stdio: 'inherit' });
  code = await new Promise((resolve) => {
    jest.on('error', () => resolve(1));
    jest.on('exit', (exitCode, signal) => resolve(exitCode ?? 128 + (os.constants.signals[signal] ?? 0)));
  });
} catch (err) {
  console.error(`[bouquet] ${err.message}`);
}
await stopServices();
const line = summary();
if (line) console.log(line);
else if (code === 0) code = 1; // no results file: something went wrong
process.exit(code);
