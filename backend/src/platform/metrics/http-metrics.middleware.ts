import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service';

/**
 * Times every HTTP request, labelled by the matched route (never the raw URL, to bound cardinality).
 * A plain Express middleware, mounted first by `configureHttp`: as a Nest middleware for every route
 * it cost a wrapper and a router layer on each request.
 */
export function httpMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route =
        (req.route as { path?: string } | undefined)?.path ?? (req.baseUrl || routeGroup(req.path));
      end({ method: req.method, route: String(route), status: String(res.statusCode) });
    });
    next();
  };
}

function routeGroup(path: string): string {
  if (path.startsWith('/graphql')) return '/graphql';
  return path.split('/').slice(0, 3).join('/') || '/';
}
