import type { NextFunction, Request, Response } from 'express';
import { BadUserInputError } from '../errors';

/**
 * REST bodies are JSON. A body of another type (text/plain, forms, XML...) is refused before
 * anything reads it, instead of reaching a handler as "no body" and acting on defaults.
 * `/graphql` is left to Apollo, which refuses such requests itself (CSRF prevention).
 */
export function jsonOnly(req: Request, _res: Response, next: NextFunction): void {
  if (req.path === '/graphql') return next();
  const hasBody =
    req.headers['transfer-encoding'] !== undefined ||
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');
  if (!hasBody || isPlainJson(req.headers['content-type'])) return next();
  if (req.is('application/json') || req.is('application/*+json')) return next();
  next(
    BadUserInputError.field('Content-Type', 'the request body must be JSON (Content-Type: application/json)'),
  );
}

/** The usual spelling, decided without parsing the header (type-is takes the other spellings). */
function isPlainJson(type: string | undefined): boolean {
  return type === 'application/json' || type === 'application/json; charset=utf-8';
}
