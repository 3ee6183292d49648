// CPU time spent by the api and worker processes and by the Postgres backends of the bench
// database while a load runs (Linux /proc): unlike throughput, CPU per request barely moves when
// other work shares the machine, so it tells a change in the code from a change in the weather.
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function cpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

async function snapshot(ctx) {
  const backends = await ctx.db.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  const pg = new Map(backends.map((b) => [b.pid, cpuMs(b.pid)]));
  const replicas = ctx.apiReplicas.map((r) => cpuMs(r.child.pid));
  const api = replicas.includes(null) ? null : replicas.reduce((sum, ms) => sum + ms, 0);
  return { api, worker: cpuMs(ctx.workerProcess.child.pid), pg };
}

/** Runs `work` and resolves { result, cpu: { api, worker, pg } } in ms (null where unreadable). */
export async function withCpu(ctx, work) {
  const before = await snapshot(ctx);
  const result = await work();
  const after = await snapshot(ctx);
  let pg = 0;
  let readable = false;
  for (const [pid, ms] of after.pg) {
    if (ms === null) continue;
    readable = true;
    pg += ms - (before.pg.get(pid) ?? 0); // a backend that connected during the load started at ~0
  }
  const diff = (a, b) => (a === null || b === null ? null : a - b);
  return {
    result,
    cpu: {
      api: diff(after.api, before.api),
      worker: diff(after.worker, before.worker),
      pg: readable ? pg : null,
    },
  };
}

/** "CPU per redemption: api 1.2 ms, worker 0.1 ms, Postgres 0.8 ms" (api: all replicas together) */
export function describeCpu(cpu, count, unit) {
  if (!count) return '';
  const per = (ms) => (ms === null ? 'n/a' : `${(ms / count).toFixed(2)} ms`);
  return `CPU per ${unit}: api ${per(cpu.api)}, worker ${per(cpu.worker)}, Postgres ${per(cpu.pg)}.`;
}
