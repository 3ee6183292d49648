import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import Redis from 'ioredis';
import { freePort } from './ports';
import { TEST_REDIS_URL } from './services';

/** A private redis-server a test may kill and start again (the shared one is never touched). */
export class DisposableRedis {
  private child?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<DisposableRedis> {
    const redis = new DisposableRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port, empty: no persistence, like a restart that lost its data. */
  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 100; i++) {
      if (await answersPing(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${this.port}`);
  }

  /** Kills it (SIGKILL: no goodbye to its clients). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

/**
 * Deletes every key of a Redis prefix (queues, pub/sub, rate limits of one test deployment), but
 * the `keep` ones: a test can take a key first (a lock) so no running process acts between the
 * wipe and the test's next step.
 */
export async function clearRedisPrefix(
  prefix: string,
  { url = TEST_REDIS_URL, keep = [] }: { url?: string; keep?: string[] } = {},
): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  const kept = new Set(keep);
  try {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      const keys = found.filter((key) => !kept.has(key));
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Whether a Redis server on the port answers PING (a raw socket: a client library would keep retry timers). */
function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}
