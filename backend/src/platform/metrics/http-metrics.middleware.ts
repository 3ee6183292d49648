import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/** Times every HTTP request, labelled by the matched route (never the raw URL, to bound cardinality). */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    res.on('finish', () => {
      const route =
        (req.route as { path?: string } | undefined)?.path ?? (req.baseUrl || routeGroup(req.path));
      end({ method: req.method, route: String(route), status: String(res.statusCode) });
    });
    next();
  }
}

function routeGroup(path: string): string {
  if (path.startsWith('/graphql')) return '/graphql';
  return path.split('/').slice(0, 3).join('/') || '/';
}
