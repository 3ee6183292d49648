import { ArgumentsHost, Catch, ExceptionFilter, Logger, ServiceUnavailableException } from '@nestjs/common';
import { GqlContextType } from '@nestjs/graphql';
import type { Response } from 'express';
import { mapError, toErrorBody } from './error-mapping';

/**
 * REST errors: `{ error: { code, message, fields } }` with the status of rest.md.
 * GraphQL errors pass through untouched; Apollo's formatError maps them.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') throw exception;
    const response = host.switchToHttp().getResponse<Response>();
    // Health checks answer 503 with their own report of what is down.
    if (exception instanceof ServiceUnavailableException) {
      response.status(503).json(exception.getResponse());
      return;
    }
    const mapped = mapError(exception);
    if (mapped.unexpected)
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (mapped.details?.retryAfter !== undefined)
      response.setHeader('Retry-After', String(mapped.details.retryAfter));
    response.status(mapped.status).json(toErrorBody(mapped));
    return;
  }
}
