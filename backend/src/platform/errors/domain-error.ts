import { ErrorCode, FieldError } from '@bouquet/shared';

/**
 * An expected business failure. Every error a client may see is one of these;
 * `error-mapping.ts` turns it into GraphQL `extensions` and an HTTP answer.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    /** Extra machine-readable detail sent to clients (e.g. `retryAfter`, `reason`). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id?: string) {
    super(ErrorCode.NOT_FOUND, id ? `${what} ${id} was not found` : `${what} was not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message = 'Authentication is required') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class BadUserInputError extends DomainError {
  constructor(fields: FieldError[], message?: string) {
    super(
      ErrorCode.BAD_USER_INPUT,
      message ?? fields.map((f) => `${f.field}: ${f.message}`).join('; '),
      fields,
    );
  }

  static field(field: string, message: string): BadUserInputError {
    return new BadUserInputError([{ field, message }]);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(ErrorCode.CONFLICT, message, undefined, details);
  }
}

export class BudgetExceededError extends DomainError {
  constructor(message = 'The campaign budget does not cover this', details?: Record<string, unknown>) {
    super(ErrorCode.BUDGET_EXCEEDED, message, undefined, details);
  }
}

export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorCode.RATE_LIMITED, `Too many attempts; retry in ${retryAfterSeconds}s`, undefined, {
      retryAfter: retryAfterSeconds,
    });
  }
}

export class PayloadTooLargeError extends DomainError {
  constructor(message = 'The request body is too large') {
    super(ErrorCode.PAYLOAD_TOO_LARGE, message);
  }
}

/** The target exists but is no longer usable (REST 410), e.g. a closed drop. */
export class GoneError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.GONE, message);
  }
}

/**
 * A business rejection with its own code (REST 422 with `code` = the reason),
 * e.g. a coupon rejection such as EXPIRED.
 */
export class RejectedError extends DomainError {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(ErrorCode.UNPROCESSABLE, message, undefined, { reason });
  }
}
