import { ErrorBody, ErrorCode, FieldError, HTTP_STATUS } from '@bouquet/shared';
import { HttpException } from '@nestjs/common';
import { isConnectionFailure, isTransient } from '../database/pg-errors';
import { DomainError, RejectedError } from './domain-error';

export interface MappedError {
  status: number;
  /** The code clients see: the ErrorCode, or a rejection reason for RejectedError. */
  code: string;
  /** The GraphQL `extensions.code` (a code of the contract). */
  graphqlCode: ErrorCode;
  message: string;
  fields?: FieldError[];
  details?: Record<string, unknown>;
  /** True when it is not an expected failure, so it is logged with its stack. */
  unexpected: boolean;
}

const HTTP_TO_CODE: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  410: ErrorCode.GONE,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  429: ErrorCode.RATE_LIMITED,
};

/** Codes that only exist in REST, and what GraphQL (whose codes are fixed by the contract) says instead. */
const GRAPHQL_CODE: Partial<Record<ErrorCode, ErrorCode>> = {
  [ErrorCode.GONE]: ErrorCode.CONFLICT,
  [ErrorCode.UNPROCESSABLE]: ErrorCode.CONFLICT,
  [ErrorCode.PAYLOAD_TOO_LARGE]: ErrorCode.BAD_USER_INPUT,
};

/**
 * Postgres data exceptions caused by a value the client sent: invalid text representation, out of
 * range, too long, bad or overflowing date/time, characters the encoding cannot hold.
 */
const MALFORMED_INPUT_PG = new Set(['22P02', '22003', '22001', '22007', '22008', '22021', '22P05']);

/**
 * TypeORM refuses further queries of a transaction whose connection it released because the
 * connection was lost. The transaction did not commit (or committed whole): the request may be retried.
 */
const RELEASED_RUNNER = new Set([
  'QueryRunnerAlreadyReleasedError',
  'QueryRunnerProviderAlreadyReleasedError',
]);

function isRetryable(raw: { code?: unknown; name?: unknown; message?: unknown }): boolean {
  // A deadlock or serialization failure aborted the statement whole.
  if (isTransient(raw)) return true;
  if (typeof raw.name === 'string' && RELEASED_RUNNER.has(raw.name)) return true;
  // Postgres (or Redis: the same socket errors) unreachable, or the connection lost under the request.
  return isConnectionFailure(raw);
}

/** The one place where any thrown value becomes what a client sees. */
export function mapError(error: unknown): MappedError {
  if (error instanceof DomainError) {
    const reason = error instanceof RejectedError ? error.reason : undefined;
    return {
      status: HTTP_STATUS[error.code] ?? 500,
      code: reason ?? error.code,
      graphqlCode: GRAPHQL_CODE[error.code] ?? error.code,
      message: error.message,
      fields: error.fields,
      details: error.details,
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HTTP_TO_CODE[status];
    if (code) {
      const message = status === 413 ? 'The request body is too large' : readHttpMessage(error);
      return { status, code, graphqlCode: GRAPHQL_CODE[code] ?? code, message, unexpected: false };
    }
  }
  const raw = error as
    { type?: string; status?: number; code?: string; name?: string; message?: string } | undefined;
  // body-parser errors (malformed JSON, too large, bad charset) carry a status and a type.
  if (raw && typeof raw.status === 'number' && typeof raw.type === 'string') {
    if (raw.status === 413) return simple(413, ErrorCode.PAYLOAD_TOO_LARGE, 'The request body is too large');
    if (raw.type === 'entity.parse.failed')
      return simple(400, ErrorCode.BAD_USER_INPUT, 'The request body is not valid JSON');
    if (raw.status >= 400 && raw.status < 500)
      return simple(
        raw.status === 415 ? 400 : raw.status,
        ErrorCode.BAD_USER_INPUT,
        'The request body could not be read',
      );
  }
  // A malformed value reached Postgres (e.g. a non-UUID id): the caller's input, not our crash.
  if (raw && typeof raw.code === 'string' && MALFORMED_INPUT_PG.has(raw.code)) {
    return simple(400, ErrorCode.BAD_USER_INPUT, 'A value in the request is malformed or out of range');
  }
  if (raw && isRetryable(raw)) {
    return {
      status: 503,
      code: ErrorCode.INTERNAL_SERVER_ERROR,
      graphqlCode: ErrorCode.INTERNAL_SERVER_ERROR,
      message: 'The service is briefly unavailable; retry the request',
      details: { retryable: true },
      unexpected: true,
    };
  }
  return {
    status: 500,
    code: ErrorCode.INTERNAL_SERVER_ERROR,
    graphqlCode: ErrorCode.INTERNAL_SERVER_ERROR,
    message: 'Something went wrong on our side',
    unexpected: true,
  };
}

function simple(status: number, code: ErrorCode, message: string): MappedError {
  return { status, code, graphqlCode: GRAPHQL_CODE[code] ?? code, message, unexpected: false };
}

function readHttpMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error.message;
}

export function toErrorBody(mapped: MappedError): ErrorBody {
  return {
    error: {
      code: mapped.code,
      message: mapped.message,
      ...(mapped.fields ? { fields: mapped.fields } : {}),
      ...(mapped.details ?? {}),
    },
  };
}
