import { randomBytes } from 'node:crypto';
import { clearRedisPrefix } from '@bouquet/testing';
import { Database, freshDatabase } from '../support/deployment';
import { Api, apiAt, codeOf } from '../support/api';
import { recordFigures } from '../support/figures';
import { inParallel } from '../support/load';
import { BackendProcess, startBackend, stopBackend } from '../support/processes';
import { createApiKey, signUp } from '../support/world';

const LOGIN_ATTEMPTS = 5;
/** VALIDATE_PER_CALLER of the coupons domain: 600 validations a minute per API key. */
const VALIDATIONS_PER_MINUTE = 600;

const LOG_IN = `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) { user { id } } }`;

/**
 * Guessing passwords and coupon codes against two api processes behind one load balancer: the
 * limits live in the shared Redis, so spreading the attempts over replicas gains nothing.
 */
describe('abuse: brute force across two api processes', () => {
  let db: Database;
  let a: Api;
  let b: Api;
  const redisPrefix = `bqrb${randomBytes(3).toString('hex')}`;
  const processes: BackendProcess[] = [];

  beforeAll(async () => {
    db = await freshDatabase();
    const env = {
      ROLE: 'api',
      DATABASE_URL: db.url,
      REDIS_PREFIX: redisPrefix,
      LOGIN_MAX_ATTEMPTS: String(LOGIN_ATTEMPTS),
    };
    processes.push(...(await Promise.all([startBackend(env), startBackend(env)])));
    [a, b] = processes.map((p) => apiAt(p.baseUrl));
  }, 90_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => stopBackend(p, 'SIGKILL')));
    await db?.drop();
    await clearRedisPrefix(redisPrefix);
  });

  it('locks an email out after the allowed attempts, whichever process answers', async () => {
    const victim = await signUp(a, 'BRAND');
    const outcomes: string[] = [];
    for (let i = 0; i < LOGIN_ATTEMPTS; i++) {
      const res = await [a, b][i % 2].gql(LOG_IN, { e: victim.email, p: `guess-${i}` });
      outcomes.push(codeOf(res) ?? 'OK');
    }
    expect(outcomes).toEqual(Array(LOGIN_ATTEMPTS).fill('UNAUTHENTICATED'));
    // Over the limit on both processes, even with the right password: no oracle for the guesser.
    for (const api of [a, b, a]) {
      const res = await api.gql(LOG_IN, { e: victim.email, p: victim.password });
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        retryAfter: expect.any(Number),
      });
      expect(res.errors?.[0].extensions?.retryAfter).toBeGreaterThan(0);
    }
    // The per-IP limit (5 x the per-email one) holds across processes too, whatever the email.
    const perIp = LOGIN_ATTEMPTS * 5;
    const used = LOGIN_ATTEMPTS + 3;
    const spread: string[] = [];
    for (let i = used; i < perIp + 2; i++) {
      const res = await [a, b][i % 2].gql(LOG_IN, { e: `nobody-${i}@example.com`, p: 'guess' });
      spread.push(codeOf(res) ?? 'OK');
    }
    expect(spread).toEqual([...Array(perIp - used).fill('UNAUTHENTICATED'), 'RATE_LIMITED', 'RATE_LIMITED']);
    recordFigures('abuse-brute-force-login', {
      processes: 2,
      passwordGuesses: LOGIN_ATTEMPTS + 3 + spread.length,
      refusedByLimit: 3 + 2,
      limitPerEmail: LOGIN_ATTEMPTS,
      limitPerIp: perIp,
    });
  });

  it(`holds ${VALIDATIONS_PER_MINUTE} coupon validations a minute per key across both processes`, async () => {
    const brand = await signUp(b, 'BRAND');
    const key = (await createApiKey(b, brand, ['REDEMPTIONS_WRITE'])).secret;
    const validate = (api: Api, i: number) =>
      api.http('/v1/coupons/validate', {
        method: 'POST',
        token: key,
        json: { code: `GUESS${i}`, customerId: 'brute', orderAmount: { amount: '10.00', currency: 'USD' } },
      });
    const answers = await inParallel(
      16,
      Array.from({ length: VALIDATIONS_PER_MINUTE }, (_, i) => () => validate([a, b][i % 2], i)),
    );
    expect(answers.filter((r) => r.status !== 200)).toEqual([]);
    expect(answers.every((r) => r.json.valid === false && r.json.rejection === 'NOT_FOUND')).toBe(true);
    for (const api of [a, b]) {
      const over = await validate(api, -1);
      expect(over.status).toBe(429);
      expect(over.json.error.code).toBe('RATE_LIMITED');
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    recordFigures('abuse-brute-force-coupons', {
      processes: 2,
      codeGuesses: VALIDATIONS_PER_MINUTE + 2,
      refusedByLimit: 2,
    });
  });
});
