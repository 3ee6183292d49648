import { ChildProcess, spawn } from 'node:child_process';
import { freePort, TEST_REDIS_URL } from '@bouquet/testing';
import { BACKEND_MAIN } from './processes';

/** One process of the BUILT backend in a role, on its own port, named in Postgres (application_name). */
export interface RoleProcess {
  name: string;
  role: 'api' | 'worker' | 'all';
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export interface RoleOptions {
  name: string;
  role: RoleProcess['role'];
  databaseUrl: string;
  redisPrefix: string;
  env?: Record<string, string>;
  /** How long to wait for /health/ready (a process that seeds the demo answers only afterwards). */
  readyTimeoutMs?: number;
}

/** The database URL with `application_name=<name>`, so `pg_stat_activity` tells the processes apart. */
export function namedUrl(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', name);
  return url.toString();
}

/** Starts `node dist/backend/backend/src/main.js` with ROLE and waits until it is ready. */
export async function startRole(options: RoleOptions): Promise<RoleProcess> {
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [BACKEND_MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      ROLE: options.role,
      DATABASE_URL: namedUrl(options.databaseUrl, options.name),
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: options.redisPrefix,
      DATABASE_POOL_SIZE: '5',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`${options.name} exited early (${child.exitCode ?? child.signalCode}):\n${log}`);
    try {
      if ((await fetch(`${baseUrl}/health/ready`)).status === 200)
        return { name: options.name, role: options.role, baseUrl, child, output: () => log, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${options.name} did not become ready:\n${log}`);
}

/** SIGTERM (then SIGKILL after 10 s) to every process still running; waits for them to exit. */
export async function stopAll(processes: (RoleProcess | undefined)[]): Promise<void> {
  await Promise.all(
    processes.map(async (p) => {
      if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000);
      await p.exited;
      clearTimeout(timer);
    }),
  );
}

/** The sum of a Prometheus counter's samples whose labels include `labels`, from `/metrics`. */
export async function counter(
  baseUrl: string,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{([^}]*)\})? (\S+)/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      [...(m[3] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[4]);
  }
  return sum;
}
