import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { clearRedisPrefix } from '@bouquet/testing';
import { RoleProcess, startRole, stopAll } from '../support/cluster';
import { BACKEND_MAIN, createDatabase, ROOT } from '../support/processes';

const SCRIPT = join(ROOT, 'infra/launcher/demo-traffic.mjs');

/** Runs `npm run demo:traffic`'s script against a URL; resolves with its exit code and output. */
function traffic(url: string, ...args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT, '--url', url, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

/**
 * The demo as a person meets it: the BUILT backend seeds the demo world on its first start and
 * prints the log-ins, `npm run demo:traffic -- --short` plays a live stream into it through the
 * public APIs, and a restart does not seed again.
 */
describe('demo world on the built backend, and npm run demo:traffic', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let sql: Client;
  let backend: RoleProcess | undefined;
  const running = () => {
    if (!backend) throw new Error('the backend did not start');
    return backend;
  };
  const prefix = `bqdt${randomBytes(3).toString('hex')}`;
  const start = () =>
    startRole({
      name: 'demo-all',
      role: 'all',
      databaseUrl: db.url,
      redisPrefix: prefix,
      env: { SEED_DEMO: 'true' },
      readyTimeoutMs: 150_000,
    });
  const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await sql.query(text, params)).rows[0] as T;

  beforeAll(async () => {
    if (!existsSync(BACKEND_MAIN))
      throw new Error(`${BACKEND_MAIN} is missing: run npm test (it builds the backend first)`);
    db = await createDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    backend = await start();
  }, 180_000);

  afterAll(async () => {
    await stopAll([backend]);
    await sql?.end();
    await db?.drop();
    await clearRedisPrefix(prefix);
  });

  it('seeds on the first start and prints one log-in per role', () => {
    const out = running().output();
    expect(out).toMatch(/\[demo\] \(7\/7\) campaign states: /);
    expect(out).toMatch(/\[demo\] seeded in \d+\.\d s/);
    for (const role of ['brand', 'agency', 'creator'])
      expect(out).toMatch(new RegExp(`\\[demo\\]\\s+${role}\\s+\\S+@demo\\.bouquet`));
  });

  it('plays gifts with a spike, a drop, a claim burst and redemptions through the public APIs', async () => {
    const { code, out } = await traffic(running().baseUrl, '--short');
    expect({ code, out }).toEqual({ code: 0, out: expect.stringContaining('[traffic] done:') });
    for (const step of ['API keys ready', 'second 1/1', 'spike:', 'drop ', 'claims: ', 'redemptions: '])
      expect(out).toContain(`[traffic] ${step}`);
    const result = JSON.parse(out.trim().split('\n').at(-1) as string);

    // The events went through ingest: stored once, counted in the stream's roses.
    const events = await one<{ n: number; roses: number }>(
      `SELECT count(*)::int AS n, coalesce(sum(roses), 0)::int AS roses FROM stream_events
        WHERE stream_id = $1 AND event_id LIKE 'traffic-%'`,
      [result.streamId],
    );
    expect(events.roses).toBe(result.roses);
    // The spike reached the seeded GIFT_MILESTONE drop, which opened.
    expect(out).toContain('reaches the gift milestone');
    const milestone = await one<{ status: string }>(
      `SELECT status FROM drops WHERE stream_id = $1 AND trigger = 'GIFT_MILESTONE' AND opened_at > now() - interval '5 minutes'`,
      [result.streamId],
    );
    expect(milestone.status).toBe('OPEN');

    // 20 viewers (and 2 pressing twice) against 16 roses: sold out, never over-claimed.
    expect(result).toMatchObject({ claims: 16, overLimit: expect.any(Number), tooLate: expect.any(Number) });
    expect(result.overLimit + result.tooLate).toBe(6);
    const drop = await one<{ status: string; claims: number; left: number }>(
      `SELECT d.status, (SELECT count(*)::int FROM drop_claims WHERE drop_id = d.id) AS claims,
              (SELECT sum(remaining)::int FROM drop_shards WHERE drop_id = d.id) AS left
         FROM drops d WHERE d.id = $1`,
      [result.dropId],
    );
    expect(drop).toEqual({ status: 'COMPLETED', claims: 16, left: 0 });

    // Some viewers shopped with their codes at the brand's checkout; one order was refunded.
    const sales = await one<{ ok: number; back: number }>(
      `SELECT count(*) FILTER (WHERE status = 'SUCCEEDED')::int AS ok, count(*) FILTER (WHERE status = 'ROLLED_BACK')::int AS back
         FROM redemptions WHERE order_id LIKE 'traffic-%' AND drop_id = $1`,
      [result.dropId],
    );
    expect(result.redemptions).toBeGreaterThan(0);
    expect(sales).toEqual({ ok: result.redemptions - 1, back: 1 });
  }, 60_000);

  it('runs again with fresh API keys (the earlier ones revoked), and a restart seeds nothing more', async () => {
    const again = await traffic(running().baseUrl, '--short', '--viewers', '10');
    expect(again.code).toBe(0);
    const keys = await one<{ active: number; revoked: number }>(
      `SELECT count(*) FILTER (WHERE revoked_at IS NULL)::int AS active, count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked
         FROM api_keys WHERE name = 'demo traffic'`,
    );
    expect(keys).toEqual({ active: 2, revoked: 2 });

    const users = await one<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
    await stopAll([backend]);
    backend = await start();
    expect(backend.output()).not.toContain('seeding the demo world');
    expect(backend.output()).toMatch(/\[demo\]\s+brand\s+brand@demo\.bouquet/);
    expect(await one(`SELECT count(*)::int AS n FROM users`)).toEqual(users);
  }, 90_000);

  it('says clearly when no Bouquet answers', async () => {
    const { code, out } = await traffic('http://127.0.0.1:9', '--short');
    expect(code).toBe(1);
    expect(out).toMatch(
      /\[traffic\] http:\/\/127\.0\.0\.1:9 is not ready \(no answer\): start it with npm start/,
    );
  });
});
