import { ErrorCode } from '@bouquet/shared';
import { Logger } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { mapError } from '../errors';

const logger = new Logger('GraphQLError');

/** Codes graphql-js and Apollo give to documents and variables they refused. */
const REQUEST_ERRORS = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Never reveal schema names through "Did you mean ...?" hints. */
function stripSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .*\?$/s, '');
}

/**
 * Every GraphQL error leaves through here: domain errors keep their code and fields, refused
 * documents answer BAD_USER_INPUT, anything unexpected becomes INTERNAL_SERVER_ERROR without internals.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? undefined;
  const givenCode = formatted.extensions?.code as string | undefined;
  if ((!original || original instanceof GraphQLError) && givenCode && REQUEST_ERRORS.has(givenCode)) {
    return {
      message: stripSuggestions(formatted.message),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    };
  }
  const mapped = mapError(original ?? error);
  if (mapped.unexpected) logger.error((original as Error | undefined)?.stack ?? formatted.message);
  return {
    message: mapped.message,
    locations: formatted.locations,
    path: formatted.path,
    extensions: {
      code: mapped.graphqlCode,
      ...(mapped.code !== mapped.graphqlCode ? { reason: mapped.code } : {}),
      ...(mapped.fields ? { fields: mapped.fields } : {}),
      ...(mapped.details ?? {}),
    },
  };
}
