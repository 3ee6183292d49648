// `npm run bench [-- --quick] [-- --only R1,R4] [-- --no-build] [-- --keep] [-- --write]`
//
// Builds the backend, starts it as two processes (api and worker roles) on a database and Redis
// prefix of its own, seeds through the public API, runs the benchmarks R1..R8 of issue #11, each
// next to its baseline measured in the same run, prints the table and writes it into
// docs/benchmarks.md (full runs of every benchmark, or --write). Run by hand, never in CI.
//   --quick     shorter loads and smaller data (about 3 minutes instead of up to 15)
//   --only ...  a subset, e.g. --only R1,R4
//   --no-build  reuse tmp/bench/build from an earlier run
//   --keep      keep the database (its name is printed) instead of dropping it
//   --write     write docs/benchmarks.md even for a quick or partial run
//   --api-replicas N  api processes, the HTTP loads spread over them as over replicas behind a load
//                     balancer (default 1, or BENCH_API_REPLICAS; on 2 cores a second one only adds
//                     contention: docs/benchmarks.md)
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { buildBackend, startBackend } from './lib/backend.mjs';
import { apiClient } from './lib/client.mjs';
import { BUILD_DIR, createDatabase, log, randomId, REDIS_URL, ROOT, WORK_DIR } from './lib/common.mjs';
import { apiMemory } from './lib/metrics.mjs';
import { consoleTable, machineInfo, markdownSection, writeSection } from './lib/report.mjs';
import r1 from './benchmarks/r1-redemptions.mjs';
import r2 from './benchmarks/r2-graphql.mjs';
import r3 from './benchmarks/r3-code-generation.mjs';
import r4 from './benchmarks/r4-drop-claims.mjs';
import r5 from './benchmarks/r5-ingest.mjs';
import r6 from './benchmarks/r6-campaign-report.mjs';
import r7 from './benchmarks/r7-scheduled-drops.mjs';
import r8 from './benchmarks/r8-queue-jobs.mjs';

/** In the order they run: light ones first, R3's pool feeds R1, the 10M events of R6 last. */
const BENCHMARKS = [r2, r8, r3, r1, r4, r7, r5, r6];
const DOC = path.join(ROOT, 'docs/benchmarks.md');

function parseArgs(argv) {
  const args = {
    quick: false,
    only: null,
    build: true,
    keep: false,
    write: false,
    apiReplicas: Number(process.env.BENCH_API_REPLICAS ?? 1),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.quick = true;
    else if (a === '--no-build') args.build = false;
    else if (a === '--keep') args.keep = true;
    else if (a === '--write') args.write = true;
    else if (a === '--api-replicas' || a.startsWith('--api-replicas=')) {
      args.apiReplicas = Number(a.includes('=') ? a.split('=')[1] : argv[++i]);
      if (!Number.isInteger(args.apiReplicas) || args.apiReplicas < 1)
        throw new Error('--api-replicas takes a whole number of api processes (1 or more)');
    } else if (a === '--only' || a.startsWith('--only=')) {
      const list = a.includes('=') ? a.slice(7) : argv[++i];
      args.only = new Set(
        (list ?? '')
          .split(',')
          .map((s) => s.trim().toUpperCase())
          .filter(Boolean),
      );
      const unknown = [...args.only].filter((id) => !BENCHMARKS.some((b) => b.id === id));
      if (!args.only.size || unknown.length)
        throw new Error(`--only takes ids among ${BENCHMARKS.map((b) => b.id).join(',')} (got "${list}")`);
    } else throw new Error(`unknown argument ${a} (see the top of tests/bench/run.mjs)`);
  }
  return args;
}

/** Deletes every Redis key under the bench's prefixes. */
async function clearRedis(prefixes) {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  try {
    for (const prefix of prefixes) {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== '0');
    }
  } finally {
    redis.disconnect();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const startedAt = new Date();
  const t0 = performance.now();
  fs.mkdirSync(WORK_DIR, { recursive: true });
  const selected = BENCHMARKS.filter((b) => !args.only || args.only.has(b.id));
  log(`${args.quick ? 'quick' : 'full'} run of ${selected.map((b) => b.id).join(', ')}`);
  const machine = await machineInfo();
  log(`${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB; ${machine.postgres}; ${machine.redis}`);

  if (args.build)
    log(`backend built into tmp/bench/build in ${((await buildBackend()) / 1000).toFixed(1)} s`);
  else if (!fs.existsSync(path.join(BUILD_DIR, 'backend/src/main.js')))
    throw new Error(
      `--no-build: there is no build in ${path.relative(ROOT, BUILD_DIR)}; run once without --no-build (or point BENCH_BUILD_DIR at one)`,
    );

  const db = await createDatabase();
  const redisPrefix = `bench${randomId(3)}`;
  const apiPool = Number(process.env.BENCH_API_POOL ?? 20);
  const replicas = args.apiReplicas;
  const config =
    `${replicas === 1 ? 'one `api` process' : `${replicas} \`api\` replicas (processes on their own ports, the load spread evenly over them, as behind a load balancer)`}` +
    ` (DATABASE_POOL_SIZE=${apiPool} each) and one \`worker\` process (pool 10), NODE_ENV=production, LOG_LEVEL=warn, each a single Node.js process`;
  log(`database ${db.name}, Redis prefix ${redisPrefix}`);
  const processes = [];
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  pool.on('error', () => undefined);
  const rows = [];
  let interrupted = false;
  const cleanup = async () => {
    for (const p of processes.reverse()) await p.stop().catch(() => undefined);
    await pool.end().catch(() => undefined);
    if (args.keep) log(`kept database ${db.name}`);
    else await db.drop().catch((e) => log(`could not drop ${db.name}: ${e.message}`));
    await clearRedis([redisPrefix, `${redisPrefix}bare`]).catch((e) =>
      log(`Redis cleanup failed: ${e.message}`),
    );
  };
  const onSignal = async () => {
    if (interrupted) return;
    interrupted = true;
    log('interrupted: stopping processes and dropping the database');
    await cleanup();
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    // The first replica migrates the database; the statement recorder (R6) runs in it.
    const replicaProcesses = [];
    for (let i = 0; i < replicas; i++) {
      const replica = await startBackend({
        role: 'api',
        databaseUrl: db.url,
        redisPrefix,
        env: { DATABASE_POOL_SIZE: String(apiPool), ...(i ? { MIGRATE_ON_START: 'false' } : {}) },
        recordQueries: i === 0,
      });
      processes.push(replica);
      replicaProcesses.push(replica);
    }
    const api = replicaProcesses[0];
    const worker = await startBackend({ role: 'worker', databaseUrl: db.url, redisPrefix });
    processes.push(worker);

    const ctx = {
      quick: args.quick,
      seconds: args.quick ? 5 : 15,
      warmupSeconds: args.quick ? 1 : 3,
      rounds: args.quick ? 1 : 2,
      api: apiClient(api.baseUrl),
      apiProcess: api,
      /** Every api replica: loads spread over `apiUrls`, CPU and metrics add up over them. */
      apiReplicas: replicaProcesses,
      apiUrls: replicaProcesses.map((r) => r.baseUrl),
      workerProcess: worker,
      db: { url: db.url, name: db.name, query: (sql, params) => pool.query(sql, params).then((r) => r.rows) },
      redisPrefix,
      shared: {},
      log,
    };
    for (const bench of selected) {
      log(`${bench.id} ${bench.title} ...`);
      const b0 = performance.now();
      let row;
      try {
        row = { id: bench.id, title: bench.title, goal: bench.goal, ...(await bench.run(ctx)) };
      } catch (error) {
        log(`${bench.id} failed: ${error.stack ?? error}`);
        row = {
          id: bench.id,
          title: bench.title,
          goal: bench.goal,
          figure: '-',
          baseline: '-',
          ratio: '-',
          met: false,
          error: String(error.message ?? error)
            .split('\n')[0]
            .slice(0, 300),
        };
      }
      log(
        `${bench.id} done in ${((performance.now() - b0) / 1000).toFixed(1)} s: ${row.figure} vs ${row.baseline} (api ${await apiMemory(ctx)})`,
      );
      rows.push(row);
    }
  } finally {
    await cleanup();
  }

  const totalMs = performance.now() - t0;
  console.log(`\n${consoleTable(rows)}\n`);
  for (const row of rows)
    for (const note of [...(row.error ? [row.error] : []), ...(row.notes ?? [])])
      console.log(`${row.id}: ${note}`);
  const mode = args.quick ? 'quick' : 'full';
  const section = markdownSection({ rows, machine, mode, startedAt, totalMs, config });
  fs.writeFileSync(path.join(WORK_DIR, 'last-run.md'), `${section}\n`);
  const complete = selected.length === BENCHMARKS.length && !args.quick;
  if (complete || args.write) {
    await writeSection(DOC, section);
    log(`results written to docs/benchmarks.md`);
  } else log(`results written to tmp/bench/last-run.md (docs/benchmarks.md takes full runs, or --write)`);
  log(`finished in ${(totalMs / 1000).toFixed(0)} s`);
  process.exit(rows.some((r) => r.error) ? 1 : 0);
}

main().catch((error) => {
  console.error(`[bench] ${error.stack ?? error}`);
  process.exit(1);
});
