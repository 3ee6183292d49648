import { connect } from 'node:net';
import { DatabaseDigest } from '../support/digest';
import { recordFigures } from '../support/figures';
import { unique, World } from '../support/world';
import { startWorldDeployment, WorldDeployment } from '../support/deployment';

/** A REST path of rest.md with a valid body, and the key that may call it. */
interface Path {
  name: string;
  path: (w: World) => string;
  token: (w: World) => string;
  body: (w: World) => unknown;
  /** Header carrying an idempotency key, when the path takes one. */
  idempotency?: boolean;
}

const PATHS: Path[] = [
  {
    name: 'POST /v1/coupons/validate',
    path: () => '/v1/coupons/validate',
    token: (w) => w.keys.brand.REDEMPTIONS_WRITE.secret,
    body: (w) => ({
      code: w.codes[1],
      customerId: 'abuse',
      orderAmount: { amount: '10.00', currency: 'USD' },
    }),
  },
  {
    name: 'POST /v1/redemptions',
    path: () => '/v1/redemptions',
    token: (w) => w.keys.brand.REDEMPTIONS_WRITE.secret,
    body: (w) => ({
      code: w.codes[1],
      customerId: 'abuse',
      orderId: unique('abuse-'),
      orderAmount: { amount: '10.00', currency: 'USD' },
    }),
    idempotency: true,
  },
  {
    name: 'POST /v1/redemptions/{id}/rollback',
    path: (w) => `/v1/redemptions/${w.redemptionId}/rollback`,
    token: (w) => w.keys.brand.REDEMPTIONS_WRITE.secret,
    body: () => ({ reason: 'abuse' }),
  },
  {
    name: 'POST /v1/events',
    path: () => '/v1/events',
    token: (w) => w.keys.creator.EVENTS_WRITE.secret,
    body: (w) => ({
      events: [
        {
          eventId: unique('abuse-'),
          streamId: w.streamId,
          type: 'GIFT',
          occurredAt: new Date().toISOString(),
          viewerId: 'abuse',
          gift: { name: 'rose', count: 1, coinValue: 1 },
        },
      ],
    }),
  },
  {
    name: 'POST /v1/drops/{id}/claims',
    path: (w) => `/v1/drops/${w.dropId}/claims`,
    token: (w) => w.keys.creator.DROPS_CLAIM.secret,
    body: () => ({ viewerId: unique('abuse-') }),
    idempotency: true,
  },
  {
    name: 'POST /graphql',
    path: () => '/graphql',
    token: (w) => w.brand.accessToken,
    body: (w) => ({
      query: `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
      variables: {
        i: {
          brandId: w.brand.organizationId,
          name: 'Abuse',
          brief: 'x',
          objective: 'SALES',
          budget: { amount: '10.00', currency: 'USD' },
        },
      },
    }),
  },
];

/** The error code of a REST answer, or of a GraphQL one (POST /graphql answers in its own format). */
function codeOf(json: any): string | undefined {
  return json?.error?.code ?? json?.errors?.[0]?.extensions?.code;
}

interface RawAnswer {
  status: number;
  head: string;
}

/** Writes bytes as they are (no client-side header checks) and reads the status line and headers. */
function raw(port: number, request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('raw request timed out')));
    socket.on('data', (chunk) => {
      data += chunk.toString('latin1');
      if (data.includes('\r\n\r\n')) socket.end();
    });
    socket.on('error', reject);
    socket.on('close', () => {
      const head = data.split('\r\n\r\n')[0];
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), head });
    });
    socket.write(request);
  });
}

/**
 * Hostile HTTP against every REST path of rest.md (and POST /graphql): oversized bodies, wrong
 * content types, malformed and non-object JSON, header smuggling and injection, enormous
 * idempotency keys. Each answers a 4xx with a clear error and stores nothing.
 */
describe('abuse: REST requests', () => {
  let w: WorldDeployment;
  let port: number;
  const figures = { requests: 0, byStatus: {} as Record<string, number> };

  beforeAll(async () => {
    w = await startWorldDeployment();
    port = Number(new URL(w.api.baseUrl).port);
    // Rolled back once for real: any later rollback of it is a no-op, so none may change a table.
    const rollback = await w.world.api.http(`/v1/redemptions/${w.world.redemptionId}/rollback`, {
      method: 'POST',
      token: w.world.keys.brand.REDEMPTIONS_WRITE.secret,
      json: {},
    });
    expect(rollback.status).toBe(200);
  }, 120_000);
  afterAll(async () => {
    recordFigures('abuse-rest', figures);
    await w.close();
  });

  /** Runs one hostile request; it must answer a 4xx (never 2xx/5xx) and leave every table as it was. */
  async function refusedWithoutTrace<T extends { status: number }>(
    label: string,
    send: () => Promise<T>,
    allowed: number[],
  ): Promise<T> {
    const before = await w.digest.take();
    const res = await send();
    figures.requests += 1;
    figures.byStatus[res.status] = (figures.byStatus[res.status] ?? 0) + 1;
    expect([label, res.status, allowed.includes(res.status)]).toEqual([label, res.status, true]);
    expect([label, DatabaseDigest.diff(before, await w.digest.take())]).toEqual([label, []]);
    return res;
  }

  const headersOf = (p: Path, extra: Record<string, string> = {}) => ({
    Authorization: `Bearer ${p.token(w.world)}`,
    ...(p.idempotency ? { 'Idempotency-Key': unique('abuse-key-') } : {}),
    ...extra,
  });

  it.each(PATHS.map((p) => [p.name, p]))(
    '%s: a 2 MiB body answers 413 PAYLOAD_TOO_LARGE',
    async (name, p) => {
      const body = { ...(p.body(w.world) as object), padding: 'x'.repeat(2 * 1024 * 1024) };
      const res = await refusedWithoutTrace(
        name,
        () => w.world.api.http(p.path(w.world), { method: 'POST', headers: headersOf(p), json: body }),
        [413],
      );
      expect(res.json).toEqual({
        error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
      });
    },
  );

  it.each(PATHS.map((p) => [p.name, p]))('%s: wrong content types answer 4xx', async (name, p) => {
    const json = JSON.stringify(p.body(w.world));
    for (const [type, body] of [
      ['text/plain', json],
      ['application/x-www-form-urlencoded', 'code=ABC&customerId=x&viewerId=y'],
      [
        'multipart/form-data; boundary=zz',
        `--zz\r\nContent-Disposition: form-data; name="viewerId"\r\n\r\nv\r\n--zz--\r\n`,
      ],
      ['application/json; charset=utf-16', json],
      ['application/xml', '<claim><viewerId>v</viewerId></claim>'],
    ]) {
      await refusedWithoutTrace(
        `${name} as ${type}`,
        () =>
          w.world.api.http(p.path(w.world), {
            method: 'POST',
            headers: headersOf(p, { 'Content-Type': type }),
            body,
          }),
        [400, 415],
      );
    }
  });

  it.each(PATHS.map((p) => [p.name, p]))('%s: malformed and non-object JSON answer 400', async (name, p) => {
    for (const body of [
      '{"code": ',
      '{"a":1}}',
      '\u0000',
      '[]',
      '[{}]',
      '"text"',
      'null',
      '42',
      'true',
      '{}',
      '{"__proto__":{"admin":true}}',
    ]) {
      const res = await refusedWithoutTrace(
        `${name} with ${JSON.stringify(body)}`,
        () =>
          w.world.api.http(p.path(w.world), {
            method: 'POST',
            headers: headersOf(p, { 'Content-Type': 'application/json' }),
            body,
          }),
        // The rollback body is optional ({} and [] are a rollback without a reason: its second call is a no-op).
        p.name.endsWith('/rollback') && ['{}', '{"__proto__":{"admin":true}}'].includes(body)
          ? [200, 400]
          : [400],
      );
      if (res.status === 400) expect([body, codeOf(res.json)]).toEqual([body, 'BAD_USER_INPUT']);
    }
  });

  it.each(PATHS.map((p) => [p.name, p]))('%s: no body at all answers 400 naming a field', async (name, p) => {
    const res = await refusedWithoutTrace(
      name,
      () => w.world.api.http(p.path(w.world), { method: 'POST', headers: headersOf(p) }),
      p.name.endsWith('/rollback') ? [200] : [400],
    );
    if (res.status === 400) expect(codeOf(res.json)).toBe('BAD_USER_INPUT');
  });

  it.each(PATHS.filter((p) => p.idempotency).map((p) => [p.name, p]))(
    '%s: enormous idempotency keys answer 400 or 431',
    async (name, p) => {
      for (const [size, allowed] of [
        [256, [400]],
        [8 * 1024, [400]],
        [64 * 1024, [431]],
      ] as const) {
        await refusedWithoutTrace(
          `${name} with a ${size}-character key`,
          () =>
            w.world.api.http(p.path(w.world), {
              method: 'POST',
              headers: headersOf(p, { 'Idempotency-Key': 'k'.repeat(size) }),
              json: p.body(w.world),
            }),
          [...allowed],
        );
      }
    },
  );

  it.each(PATHS.map((p) => [p.name, p]))('%s: smuggling and header injection answer 400', async (name, p) => {
    const json = JSON.stringify(p.body(w.world));
    const head = (extra: string) =>
      `POST ${p.path(w.world)} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${p.token(w.world)}\r\nContent-Type: application/json\r\n${extra}`;
    const attempts: [string, string][] = [
      [
        'Content-Length and Transfer-Encoding',
        head(`Content-Length: ${json.length}\r\nTransfer-Encoding: chunked\r\n\r\n${json}`),
      ],
      [
        'two different Content-Length',
        head(`Content-Length: ${json.length}\r\nContent-Length: 2\r\n\r\n${json}`),
      ],
      [
        'a bare LF inside a header value',
        head(`X-Request-Id: a\nX-Injected: 1\r\nContent-Length: ${json.length}\r\n\r\n${json}`),
      ],
      [
        'a NUL in the idempotency key',
        head(`Idempotency-Key: abc\u0000def\r\nContent-Length: ${json.length}\r\n\r\n${json}`),
      ],
      [
        'an obsolete folded header',
        head(`Idempotency-Key: abc\r\n def\r\nContent-Length: ${json.length}\r\n\r\n${json}`),
      ],
      ['a space before the colon', head(`Content-Length : ${json.length}\r\n\r\n${json}`)],
    ];
    for (const [label, request] of attempts) {
      const res = await refusedWithoutTrace(`${name}: ${label}`, () => raw(port, request), [400]);
      expect(res.head).not.toMatch(/X-Injected/i);
    }
  });

  it('never echoes an unsafe request id into the response headers', async () => {
    const res = await raw(
      port,
      `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Request-Id: <script>alert(1)</script>\r\n\r\n`,
    );
    expect(res.status).toBe(200);
    expect(res.head).not.toMatch(/script/);
    expect(res.head).toMatch(/X-Request-Id: [0-9a-f-]{36}/i);
  });

  it('refuses a batch of 1,001 events whole', async () => {
    const events = Array.from({ length: 1001 }, (_, i) => ({
      eventId: unique(`big-${i}-`),
      streamId: w.world.streamId,
      type: 'GIFT',
      occurredAt: new Date().toISOString(),
      viewerId: 'big',
      gift: { name: 'rose', count: 1, coinValue: 1 },
    }));
    const res = await refusedWithoutTrace(
      'POST /v1/events with 1,001 events',
      () =>
        w.world.api.http('/v1/events', {
          method: 'POST',
          token: w.world.keys.creator.EVENTS_WRITE.secret,
          json: { events },
        }),
      [400],
    );
    expect(res.json).toMatchObject({
      error: { code: 'BAD_USER_INPUT', fields: [{ field: 'events' }] },
    });
  });
});
