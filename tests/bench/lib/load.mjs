// Runs a load scenario (lib/cannon.mjs) in its own process and summarizes what it saw.
import { fork } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR } from './common.mjs';
import { summary } from './stats.mjs';

const CANNON = path.join(BENCH_DIR, 'lib/cannon.mjs');

/**
 * `options`: url (or urls: the load spread over them), connections, seconds (or amount), warmupSeconds
 * and the scenario's own fields.
 * Resolves { ok (2xx count), perSecond (2xx per second), statuses, latency {p50,p95,p99}, ... }.
 */
export function runLoad(scenario, options) {
  return new Promise((resolve, reject) => {
    const child = fork(CANNON, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    child.once('message', (message) => {
      answered = true;
      child.disconnect();
      if (!message.ok) return reject(new Error(`load ${scenario} failed: ${message.error}`));
      const ok = Object.entries(message.statuses)
        .filter(([code]) => Number(code) < 300)
        .reduce((n, [, count]) => n + count, 0);
      resolve({
        ...message,
        ok,
        perSecond: ok / (message.durationMs / 1000),
        latency: summary(message.latencies),
        latencies: undefined,
      });
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`load generator exited (${code}) without an answer`));
    });
    child.send({ scenario, options });
  });
}

/** "201: 1,234; 409: 5" */
export function describeStatuses(statuses) {
  return Object.entries(statuses)
    .map(([code, n]) => `${code}: ${n.toLocaleString('en-US')}`)
    .join('; ');
}
