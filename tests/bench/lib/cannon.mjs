// The load generator: a child process (forked by load.mjs) running autocannon with one of the
// scenarios below, so the load's CPU is not the orchestrator's. It receives { scenario, options }
// over IPC, runs an optional warm-up then the measured run, and answers with counts per status,
// the latencies of the successful answers (p50/p95/p99), its own CPU time and scenario records.
import autocannon from 'autocannon';
import fs from 'node:fs';

const json = { 'content-type': 'application/json' };

/** Each scenario returns the autocannon `requests` list and what to report at the end. */
const scenarios = {
  /** One fixed request, e.g. the trivial GraphQL query (R2) or the bare route answering the same. */
  fixed({ method = 'POST', path, body, headers = {} }) {
    return { fixed: { method, path, headers: { ...json, ...headers }, body } };
  },

  /** R1: POST /v1/redemptions, every request with its own code and Idempotency-Key. */
  redeem({ codesFile, key, run }) {
    const codes = fs.readFileSync(codesFile, 'utf8').split('\n').filter(Boolean);
    let next = 0;
    return {
      requests: [
        {
          method: 'POST',
          path: '/v1/redemptions',
          setupRequest(req) {
            const i = next++;
            const code = codes[i % codes.length];
            req.headers = { ...json, authorization: `Bearer ${key}`, 'idempotency-key': `${run}-${i}` };
            req.body = JSON.stringify({
              code,
              customerId: `customer-${i}`,
              orderId: `order-${run}-${i}`,
              orderAmount: { amount: '50.00', currency: 'USD' },
            });
            return req;
          },
        },
      ],
      report: () => ({ codesUsed: next, codesAvailable: codes.length }),
    };
  },

  /** R4: POST /v1/drops/{id}/claims, a new viewer every request. */
  claim({ dropId, key, run }) {
    let next = 0;
    return {
      requests: [
        {
          method: 'POST',
          path: `/v1/drops/${dropId}/claims`,
          setupRequest(req) {
            req.headers = { ...json, authorization: `Bearer ${key}` };
            req.body = JSON.stringify({ viewerId: `viewer-${run}-${next++}` });
            return req;
          },
        },
      ],
    };
  },

  /**
   * R5: POST /v1/events with batches of `batchSize` GIFT events (roses), each batch for one stream
   * (round robin) and one minute. Records, per accepted batch, its stream, minute, roses and the
   * moment the 202 arrived: the rollup lag is measured against these.
   */
  events({ streamIds, key, run, batchSize = 1000 }) {
    let next = 0;
    const batches = [];
    return {
      requests: [
        {
          method: 'POST',
          path: '/v1/events',
          setupRequest(req, context) {
            const b = next++;
            const streamId = streamIds[b % streamIds.length];
            const at = new Date();
            const occurredAt = at.toISOString();
            let roses = 0;
            const parts = new Array(batchSize);
            for (let i = 0; i < batchSize; i++) {
              const count = 1 + ((b + i) % 5);
              roses += count;
              parts[i] =
                `{"eventId":"${run}-${b}-${i}","streamId":"${streamId}","type":"GIFT","occurredAt":"${occurredAt}",` +
                `"viewerId":"viewer-${(b * 7 + i) % 5000}","gift":{"name":"rose","count":${count},"coinValue":1}}`;
            }
            context.batch = { b, streamId, minute: Math.floor(at.getTime() / 60_000) * 60_000, roses };
            req.headers = { ...json, authorization: `Bearer ${key}` };
            req.body = `{"events":[${parts.join(',')}]}`;
            return req;
          },
          onResponse(status, body, context) {
            if (status !== 202 || !context.batch) return;
            const { accepted } = JSON.parse(body);
            batches.push({ ...context.batch, accepted, ackedAt: Date.now() });
            context.batch = null;
          },
        },
      ],
      report: () => ({ batches }),
      reset: () => void batches.splice(0),
    };
  },
};

function runOne(url, { connections, seconds, amount, requests, fixed, expectBody }) {
  return new Promise((resolve, reject) => {
    const statuses = {};
    const latencies = [];
    let mismatch;
    // Same JSON, whitespace aside (Apollo ends its answers with a newline).
    const verifyBody = (body) => body.trim() === expectBody || ((mismatch ??= body.slice(0, 300)), false);
    const instance = autocannon(
      {
        url: fixed ? url + fixed.path : url,
        connections,
        pipelining: 1,
        timeout: 30,
        ...(amount ? { amount } : { duration: seconds }),
        ...(fixed ? { method: fixed.method, headers: fixed.headers, body: fixed.body } : { requests }),
        ...(expectBody ? { verifyBody } : {}),
      },
      (error, result) => (error ? reject(error) : resolve({ result, statuses, latencies, mismatch })),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode < 300) latencies.push(responseTime);
    });
  });
}

/**
 * The load on every url at once (`urls`, else `url`), the connections (and `amount`) split evenly
 * between them, as a load balancer would spread clients over replicas; results added up.
 */
async function run(options) {
  const urls = options.urls ?? [options.url];
  const share = (total, i) => Math.floor(total / urls.length) + (i < total % urls.length ? 1 : 0);
  const parts = await Promise.all(
    urls.map((url, i) =>
      runOne(url, {
        ...options,
        connections: share(options.connections, i),
        amount: options.amount ? share(options.amount, i) : options.amount,
      }),
    ),
  );
  const statuses = {};
  for (const part of parts)
    for (const [code, n] of Object.entries(part.statuses)) statuses[code] = (statuses[code] ?? 0) + n;
  const sum = (field) => parts.reduce((n, p) => n + (p.result[field] ?? 0), 0);
  return {
    statuses,
    latencies: parts.flatMap((p) => p.latencies),
    mismatch: parts.find((p) => p.mismatch)?.mismatch,
    result: {
      duration: Math.max(...parts.map((p) => p.result.duration)),
      errors: sum('errors'),
      timeouts: sum('timeouts'),
      mismatches: sum('mismatches'),
    },
  };
}

process.once('message', async ({ scenario, options }) => {
  try {
    const built = scenarios[scenario](options);
    let warmupOk = 0;
    if (options.warmupSeconds) {
      const warm = await run({
        ...options,
        ...built,
        seconds: options.warmupSeconds,
        amount: 0,
      });
      warmupOk = Object.entries(warm.statuses).reduce(
        (n, [code, count]) => (Number(code) < 300 ? n + count : n),
        0,
      );
      built.reset?.();
    }
    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const { result, statuses, latencies, mismatch } = await run({ ...options, ...built });
    const cpu = process.cpuUsage(cpu0);
    process.send({
      ok: true,
      startedAt: t0,
      warmupOk,
      durationMs: result.duration * 1000,
      loadCpuMs: (cpu.user + cpu.system) / 1000,
      statuses,
      latencies,
      errors: result.errors,
      timeouts: result.timeouts,
      mismatches: result.mismatches,
      mismatch,
      ...(built.report ? built.report() : {}),
    });
  } catch (error) {
    process.send({ ok: false, error: error.stack ?? String(error) });
  }
});
