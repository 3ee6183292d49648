import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type ExecutionResult,
  type GraphQLFormattedError,
  type ValidationRule,
} from 'graphql';
import { formatGraphQLError } from './format-error';

/**
 * Only subscriptions travel over WebSocket. Queries and mutations go over HTTP, where body limits,
 * the batching rule, per-IP rate limits and Apollo's introspection switch apply.
 */
export const subscriptionsOnlyRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription')
      context.reportError(
        new GraphQLError(
          'Only subscriptions are served over WebSocket; send queries and mutations over HTTP',
          { nodes: node },
        ),
      );
  },
});

/** A document the client got wrong (syntax, validation, limits): BAD_USER_INPUT, like over HTTP. */
function requestError(error: GraphQLError): GraphQLFormattedError {
  return formatGraphQLError({ ...error.toJSON(), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }, error);
}

/**
 * graphql-ws options giving subscriptions the protections of HTTP: the same depth, alias, directive
 * and cost limits and token cap, no introspection in production, and errors formatted by the one
 * mapper (so a refused subscription carries `extensions.code` like any other error).
 */
export function websocketOptions(limitRules: ValidationRule[], production: boolean, maxTokens: number) {
  const rules = [
    ...specifiedRules,
    ...limitRules,
    subscriptionsOnlyRule,
    ...(production ? [NoSchemaIntrospectionCustomRule] : []),
  ];
  return {
    parse: (source: string) => parse(source, { maxTokens }),
    validate: ((schema, document) => validate(schema, document, rules)) as typeof validate,
    /** A syntax error is answered as an error message instead of closing the socket. */
    onSubscribe: (_ctx: unknown, _id: string, payload: { query: string }) => {
      try {
        parse(payload.query, { maxTokens });
        return undefined;
      } catch (error) {
        return [error instanceof GraphQLError ? error : new GraphQLError('The document could not be read')];
      }
    },
    onError: (_ctx: unknown, _id: string, _payload: unknown, errors: readonly GraphQLError[]) =>
      errors.map((e) => (e.originalError ? formatGraphQLError(e.toJSON(), e) : requestError(e))),
    onNext: (_ctx: unknown, _id: string, _payload: unknown, _args: unknown, result: ExecutionResult) =>
      result.errors?.length
        ? { ...result, errors: result.errors.map((e) => formatGraphQLError(e.toJSON(), e)) }
        : undefined,
  };
}
