import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startTestApp, TestApp } from '../../testing/test-app';
import { LISTEN_BACKLOG } from './configure-http';

/** The accept queue of the socket listening on `port`, as the kernel reports it (`ss`: Send-Q). */
function acceptQueueOf(port: number): number {
  const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
  const [, , sendQ] = line.split(/\s+/);
  return Number(sendQ);
}

describe('HTTP listen backlog', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('queues a burst of connections as large as the kernel allows, not Node.js 511', () => {
    const somaxconn = Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
    expect(acceptQueueOf(Number(new URL(t.baseUrl).port))).toBe(Math.min(LISTEN_BACKLOG, somaxconn));
  });
});
