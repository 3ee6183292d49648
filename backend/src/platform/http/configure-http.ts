import type { NestExpressApplication } from '@nestjs/platform-express';
import express from 'express';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { AppConfig } from '../config/app-config';
import { HttpExceptionFilter } from '../errors/http-exception.filter';
import { requestLogging } from '../logging/request-logging';
import { httpMetrics } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';
import { ApiValidationPipe } from '../validation/validation.pipe';
import { jsonOnly } from './json-only.middleware';
import { workerOnly } from './worker-only.middleware';

/** Largest JSON body accepted anywhere (the events API takes up to 1 MiB; more answers 413). */
export const BODY_LIMIT = '1mb';

/** HTTP plumbing shared by every role: logs, body limits, validation, error answers. */
export function configureHttp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  keepConnections(app.getHttpServer() as Server, config.httpKeepAliveSeconds);
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.disable('x-powered-by');
  // Answers are JSON of POSTs and uncached GETs: hashing every body for an ETag buys nothing.
  app.set('etag', false);
  app.use(httpMetrics(app.get(MetricsService)));
  app.use(requestLogging(logger));
  if (!config.runsApi) app.use(workerOnly);
  app.use(jsonOnly);
  app.use(express.json({ limit: BODY_LIMIT }));
  app.useGlobalPipes(new ApiValidationPipe());
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableCors({ origin: false });
}

/**
 * Connections the kernel queues for `accept` (capped by `net.core.somaxconn`). Node's default of
 * 511 overflows when a drop opens and its viewers connect at once: the kernel then drops the
 * handshake's last packet, and the client waits for retransmissions or gets its connection reset.
 */
export const LISTEN_BACKLOG = 4096;

/** `app.listen` with `LISTEN_BACKLOG`: Nest hands its arguments to `server.listen`, though its types omit the backlog. */
export function listenWithBacklog(app: NestExpressApplication, port: number, host: string): Promise<unknown> {
  const listen = app.listen.bind(app) as unknown as (
    port: number,
    host: string,
    backlog: number,
  ) => Promise<unknown>;
  return listen(port, host, LISTEN_BACKLOG);
}

/**
 * Idle keep-alive connections stay open `seconds` (announced in `Keep-Alive: timeout=`), longer than
 * the proxy's idle timeout so that the proxy, not the server, closes them. The header timeout must
 * outlast it, or a connection waiting for its next request would be cut as a slow request.
 */
export function keepConnections(server: Server, seconds: number): void {
  server.keepAliveTimeout = seconds * 1000;
  server.headersTimeout = Math.min(server.requestTimeout || Infinity, seconds * 1000 + 5_000);
}
