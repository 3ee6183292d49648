import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { FieldError } from '@bouquet/shared';
import type { GraphQLFormattedError } from 'graphql';

export const NETWORK_MESSAGE = 'Cannot reach Bouquet right now. Check your connection and try again.';
export const UNEXPECTED_MESSAGE = 'Something went wrong on our side. Please try again.';

/** The first error of a GraphQL answer: its message, `extensions.code` and, for bad input, the fields at fault. */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly fields: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }

  /** Turns whatever Apollo rejected with (GraphQL errors, an HTTP error with a GraphQL body, a network failure) into one error. */
  static from(error: unknown): GraphqlRequestError {
    if (error instanceof GraphqlRequestError) return error;
    if (CombinedGraphQLErrors.is(error)) return fromFormatted(error.errors[0]);
    if (ServerError.is(error)) {
      const first = parseErrors(error.bodyText)?.[0];
      return first ? fromFormatted(first) : new GraphqlRequestError(UNEXPECTED_MESSAGE);
    }
    if (error instanceof TypeError || (error instanceof Error && /fetch|network/i.test(error.message))) {
      return new GraphqlRequestError(NETWORK_MESSAGE);
    }
    return new GraphqlRequestError(UNEXPECTED_MESSAGE);
  }
}

/** A readable message for any failure, for places that show one line. */
export function errorMessage(error: unknown): string {
  return GraphqlRequestError.from(error).message;
}

function fromFormatted(error: GraphQLFormattedError | undefined): GraphqlRequestError {
  if (!error) return new GraphqlRequestError(UNEXPECTED_MESSAGE);
  const extensions = (error.extensions ?? {}) as { code?: unknown; fields?: unknown };
  const fields = Array.isArray(extensions.fields) ? (extensions.fields as FieldError[]) : [];
  const code = typeof extensions.code === 'string' ? extensions.code : undefined;
  const message = code === 'INTERNAL_SERVER_ERROR' ? UNEXPECTED_MESSAGE : error.message;
  return new GraphqlRequestError(message, code, fields);
}

function parseErrors(body: string): GraphQLFormattedError[] | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: unknown };
    return Array.isArray(parsed.errors) ? (parsed.errors as GraphQLFormattedError[]) : undefined;
  } catch {
    return undefined;
  }
}
