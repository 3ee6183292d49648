import { ErrorCode } from '@bouquet/shared';
import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { formatGraphQLError } from '../graphql/format-error';
import {
  BadUserInputError,
  BudgetExceededError,
  ConflictError,
  DomainError,
  ForbiddenError,
  GoneError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  RejectedError,
  UnauthenticatedError,
} from './domain-error';
import { mapError, toErrorBody } from './error-mapping';

describe('error mapping', () => {
  it.each<[DomainError, number, string, string]>([
    [new UnauthenticatedError(), 401, 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
    [new ForbiddenError(), 403, 'FORBIDDEN', 'FORBIDDEN'],
    [new NotFoundError('Campaign', 'x'), 404, 'NOT_FOUND', 'NOT_FOUND'],
    [BadUserInputError.field('input.name', 'is too long'), 400, 'BAD_USER_INPUT', 'BAD_USER_INPUT'],
    [new ConflictError('stale version'), 409, 'CONFLICT', 'CONFLICT'],
    [new BudgetExceededError(), 422, 'BUDGET_EXCEEDED', 'BUDGET_EXCEEDED'],
    [new RateLimitedError(30), 429, 'RATE_LIMITED', 'RATE_LIMITED'],
    [new PayloadTooLargeError(), 413, 'PAYLOAD_TOO_LARGE', 'BAD_USER_INPUT'],
    [new GoneError('drop is closed'), 410, 'GONE', 'CONFLICT'],
    [new RejectedError('EXPIRED', 'code expired'), 422, 'EXPIRED', 'CONFLICT'],
  ])('%s answers HTTP %i, REST code %s, GraphQL code %s', (error, status, code, graphqlCode) => {
    const mapped = mapError(error);
    expect(mapped).toMatchObject({ status, code, graphqlCode, unexpected: false });
    expect(toErrorBody(mapped).error.code).toBe(code);
    const formatted = formatGraphQLError({ message: 'x' }, new GraphQLError('x', { originalError: error }));
    expect(formatted.extensions?.code).toBe(graphqlCode);
    expect(formatted.message).toBe(error.message);
  });

  it('carries field errors to both REST and GraphQL', () => {
    const error = new BadUserInputError([{ field: 'input.email', message: 'must be an email' }]);
    expect(toErrorBody(mapError(error))).toEqual({
      error: {
        code: 'BAD_USER_INPUT',
        message: 'input.email: must be an email',
        fields: [{ field: 'input.email', message: 'must be an email' }],
      },
    });
    const formatted = formatGraphQLError({ message: 'x' }, new GraphQLError('x', { originalError: error }));
    expect(formatted.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'input.email', message: 'must be an email' }],
    });
  });

  it('gives the retry time of rate limits', () => {
    expect(toErrorBody(mapError(new RateLimitedError(12))).error).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 12,
    });
  });

  it('hides unexpected errors behind INTERNAL_SERVER_ERROR', () => {
    const mapped = mapError(new TypeError('Cannot read properties of undefined (reading "secret")'));
    expect(mapped).toMatchObject({ status: 500, code: 'INTERNAL_SERVER_ERROR', unexpected: true });
    expect(mapped.message).not.toMatch(/secret/);
    const formatted = formatGraphQLError(
      {
        message: 'Cannot read properties',
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      new GraphQLError('Cannot read properties', { originalError: new TypeError('Cannot read properties') }),
    );
    expect(formatted).toEqual({
      message: 'Something went wrong on our side',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('maps framework HTTP errors and body-parser failures', () => {
    expect(mapError(new NotFoundException())).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    expect(mapError(new BadRequestException('bad'))).toMatchObject({
      status: 400,
      code: 'BAD_USER_INPUT',
      message: 'bad',
    });
    expect(mapError(new PayloadTooLargeException())).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
    });
    expect(
      mapError(Object.assign(new Error('x'), { status: 400, type: 'entity.parse.failed' })),
    ).toMatchObject({
      status: 400,
      code: ErrorCode.BAD_USER_INPUT,
      message: 'The request body is not valid JSON',
    });
    expect(mapError(Object.assign(new Error('x'), { status: 413, type: 'entity.too.large' }))).toMatchObject({
      status: 413,
    });
  });

  it('marks socket errors of a lost connection as retryable', () => {
    for (const code of ['ECONNRESET', 'EPIPE', 'ECONNREFUSED'])
      expect(mapError(Object.assign(new Error(`read ${code}`), { code }))).toMatchObject({
        status: 503,
        details: { retryable: true },
      });
  });

  it('marks lost database connections as retryable', () => {
    expect(mapError(Object.assign(new Error('terminating connection'), { code: '57P01' }))).toMatchObject({
      status: 503,
      details: { retryable: true },
    });
    // Without a SQLSTATE: the socket closed under a query, or TypeORM released the transaction's runner.
    const released = (name: string) => Object.assign(new Error('already released'), { name });
    for (const error of [
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      released('QueryRunnerAlreadyReleasedError'),
      released('QueryRunnerProviderAlreadyReleasedError'),
    ])
      expect([error.message, mapError(error)]).toMatchObject([
        error.message,
        { status: 503, code: 'INTERNAL_SERVER_ERROR', details: { retryable: true } },
      ]);
    expect(mapError(new Error('Connection refused by policy'))).toMatchObject({ status: 500 });
  });

  it('answers values Postgres cannot take (bad text, range, length, dates, encoding) with 400', () => {
    for (const code of ['22P02', '22003', '22001', '22007', '22008', '22021', '22P05'])
      expect([code, mapError(Object.assign(new Error('invalid input'), { code }))]).toMatchObject([
        code,
        { status: 400, code: 'BAD_USER_INPUT', unexpected: false },
      ]);
  });

  it('answers refused documents with BAD_USER_INPUT and no schema hints', () => {
    const formatted = formatGraphQLError(
      {
        message: 'Cannot query field "mee" on type "Query". Did you mean "me"?',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
      new GraphQLError('Cannot query field'),
    );
    expect(formatted).toEqual({
      message: 'Cannot query field "mee" on type "Query".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
