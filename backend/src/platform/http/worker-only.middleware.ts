import type { NextFunction, Request, Response } from 'express';

const OPERATIONS_PATHS = /^\/(health\/|metrics$)/;

/** A worker process serves only health and metrics; the API belongs to the api role. */
export function workerOnly(req: Request, res: Response, next: NextFunction): void {
  if (OPERATIONS_PATHS.test(req.path)) return next();
  res.status(404).json({ error: { code: 'NOT_FOUND', message: 'This process runs the worker role only' } });
}
