import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?(0|[1-9]\d{0,15})(\.\d{1,10})?$/;

function parse(value: unknown): string {
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return value.trim();
  throw new GraphQLError(
    `Decimal must be a string such as "19.99" (at most 16 integer and 10 fraction digits), got ${JSON.stringify(value)?.slice(0, 40)}`,
    { extensions: { code: 'BAD_USER_INPUT' } },
  );
}

/** Exact decimal numbers as strings; floats are refused so no amount is ever rounded by JSON. */
export const DecimalScalar = new GraphQLScalarType<string, string>({
  name: 'Decimal',
  description: 'A decimal number serialized as a string, e.g. "19.99".',
  serialize: (value) => String(value),
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING) return parse(ast.value);
    throw new GraphQLError('Decimal literals must be strings such as "19.99"', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  },
});
