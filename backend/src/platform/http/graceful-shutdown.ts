import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { LiveSockets } from '../graphql/live-sockets';
import { WorkerRunner } from '../queue/worker-runner.service';

/**
 * On SIGTERM/SIGINT: stop accepting connections, ask subscription clients to reconnect elsewhere
 * (1001 Going Away) and let in-flight requests finish, hand active jobs back by closing workers
 * (BullMQ waits for running jobs), then close the app (DB, Redis).
 */
export function installGracefulShutdown(app: INestApplication, logger: Logger, timeoutMs = 25_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, timeoutMs);
    force.unref();
    const server = app.getHttpServer() as Server;
    const draining = drainHttp(server);
    await app.get(LiveSockets).closeAll();
    await draining;
    await Promise.all(app.get(WorkerRunner).workers.map((w) => w.close().catch(() => undefined)));
    await app.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

/**
 * Stops accepting connections and resolves once every open one has closed. Kept-alive connections are
 * held open for a long time (`HTTP_KEEP_ALIVE_SECONDS`), so the idle ones are closed now and each busy
 * one as soon as its request has been answered, instead of waiting for their keep-alive to run out.
 */
export function drainHttp(server: Server, everyMs = 100): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const idle = setInterval(() => server.closeIdleConnections(), everyMs);
    server.close(() => {
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}
