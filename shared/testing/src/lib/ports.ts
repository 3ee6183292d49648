import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A TCP port nothing listens on right now (the OS picks it), for a process a test starts. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The accept queue of the socket listening on `port`, as the kernel reports it (`ss`: Send-Q). */
export function acceptQueueOf(port: number | string): number {
  const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
  return Number(line.split(/\s+/)[2]);
}

/** The largest accept queue the kernel grants a listening socket (`net.core.somaxconn`). */
export function kernelBacklogLimit(): number {
  return Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8'));
}
