import fc from 'fast-check';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLInputType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  isInputObjectType,
} from 'graphql';
import type { World } from '../../support/world';

/** Strings a careless or hostile client sends: empty, blank, huge, unicode, control and injection. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t\n',
    '\u0000',
    'nul\u0000inside',
    '\u202Eevil\u202C',
    'é'.normalize('NFD'),
    '👩‍👩‍👧‍👦🌹',
    '\ud800',
    "'; DROP TABLE campaigns; --",
    '<script>alert(1)</script>',
    '${7*7}{{7*7}}',
    '../../etc/passwd',
    'null',
    'undefined',
    '0',
    '-1',
    'true',
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer({ min: 100, max: 20_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 50, max: 3_000 }).map((n) => '🌹'.repeat(n)),
);

export const hostileInt = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 10, 100, 2_147_483_647, -2_147_483_648, 1_000_000, 5_000_001),
  fc.integer(),
  fc.integer({ min: -5, max: 50 }),
);

/** Not Ints at all: GraphQL must refuse them before any resolver runs. */
export const notAnInt = fc.constantFrom<unknown>(2 ** 31, -(2 ** 53), 1.5, '12', true, [], {});

export const hostileDecimal = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '-1',
    '0.001',
    '0.0000001',
    '1e5',
    'NaN',
    'Infinity',
    '',
    ' 5',
    '1,5',
    '10.',
    '.5',
    '99999999999999999999',
    '9999999999999999.9999999999',
    '1000000000000.01',
    '12.345',
  ),
  fc.integer({ min: -1000, max: 1_000_000 }).map(String),
  fc
    .tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 999 }))
    .map(([a, b]) => `${a}.${b}`),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

export const hostileCurrency = fc.oneof(
  fc.constantFrom('USD', 'EUR', 'JPY', 'GBP', 'usd', 'XYZ', 'US', 'USDD', '', '   ', 'U$D', 'BTC', 'XAU'),
  fc.string({ minLength: 3, maxLength: 3 }),
);

export const hostileDate = fc.oneof(
  fc
    .date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00Z',
    '2024-02-30T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2030-01-01',
    '1970-01-01T00:00:00Z',
    'not a date',
    '',
    'Tomorrow',
    '2030-01-01T25:61:61Z',
  ),
  fc.integer().map((n) => n as unknown as string),
);

/** Ids: the world's own objects (of any kind), unknown UUIDs, and garbage. */
export function hostileId(world: World): fc.Arbitrary<string> {
  const known = [
    world.campaignId,
    world.streamId,
    world.dropId,
    world.poolId,
    world.offerId,
    world.creatorId,
    world.otherCreatorId,
    world.redemptionId,
    world.brand.organizationId,
    world.otherBrand.organizationId,
    world.agency.organizationId,
    world.creator.organizationId,
    world.brand.userId,
  ];
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.uuid() },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'not-a-uuid',
        '00000000-0000-0000-0000-000000000000',
        '1',
        `${known[0]}'--`,
      ),
    },
    { weight: 1, arbitrary: hostileString },
  );
}

/** Ids chosen by the argument's name: the world's object of that kind most of the time. */
function idFor(name: string, world: World): fc.Arbitrary<string> {
  const preferred: Record<string, string[]> = {
    campaignId: [world.campaignId],
    streamId: [world.streamId, world.streamExternalId],
    dropId: [world.dropId],
    poolId: [world.poolId],
    couponPoolId: [world.poolId],
    offerId: [world.offerId],
    creatorId: [world.creatorId, world.otherCreatorId],
    brandId: [world.brand.organizationId],
    agencyId: [world.agency.organizationId],
    organizationId: [world.brand.organizationId, world.creator.organizationId],
    redemptionId: [world.redemptionId],
  };
  const own = preferred[name];
  return own
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: hostileId(world) })
    : hostileId(world);
}

/** A plausible value for a named scalar field (so calls get past the first check), or a hostile one. */
function scalarFor(type: GraphQLScalarType, name: string, world: World): fc.Arbitrary<unknown> {
  switch (type.name) {
    case 'ID':
      return idFor(name, world);
    case 'Int':
      return fc.oneof({ weight: 6, arbitrary: hostileInt }, { weight: 1, arbitrary: notAnInt });
    case 'Float':
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 3, 1e308));
    case 'Boolean':
      return fc.oneof(
        { weight: 5, arbitrary: fc.boolean() },
        { weight: 1, arbitrary: fc.constantFrom<unknown>('true', 0, null) },
      );
    case 'Decimal':
      return hostileDecimal;
    case 'DateTime':
      return hostileDate;
    default:
      if (name === 'currency') return hostileCurrency;
      if (name === 'email')
        return fc.oneof(
          fc.emailAddress(),
          hostileString,
          fc.constantFrom(
            'a@b',
            'UPPER@EXAMPLE.COM',
            ' spaced@example.com ',
            'x'.repeat(300) + '@example.com',
          ),
        );
      return fc.oneof(
        { weight: 2, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
        { weight: 3, arbitrary: hostileString },
      );
  }
}

/** A value for any GraphQL input type: right-shaped most of the time, with hostile leaves. */
export function valueFor(
  type: GraphQLInputType,
  name: string,
  world: World,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (type instanceof GraphQLNonNull) {
    return fc.oneof(
      { weight: 12, arbitrary: valueFor(type.ofType, name, world, depth) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }
  const nullable = (arb: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 3, arbitrary: arb }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) });
  if (type instanceof GraphQLList) {
    return nullable(
      fc.array(valueFor(type.ofType, name, world, depth + 1), { maxLength: depth > 1 ? 2 : 6 }),
    );
  }
  if (type instanceof GraphQLEnumType) {
    const values = type.getValues().map((v) => v.name);
    return nullable(
      fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: hostileString }),
    );
  }
  if (isInputObjectType(type)) return nullable(inputObject(type, world, depth));
  return nullable(scalarFor(type as GraphQLScalarType, name, world));
}

function inputObject(type: GraphQLInputObjectType, world: World, depth: number): fc.Arbitrary<unknown> {
  const fields = Object.values(type.getFields());
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const field of fields) record[field.name] = valueFor(field.type, field.name, world, depth + 1);
  const shaped = fc.record(record, {
    requiredKeys: fields.filter((f) => f.type instanceof GraphQLNonNull).map((f) => f.name),
  });
  // Sometimes a field the type does not have (GraphQL refuses the whole input).
  return fc.oneof(
    { weight: 12, arbitrary: shaped },
    { weight: 1, arbitrary: shaped.map((o) => ({ ...(o as object), notAField: 'x' })) },
  );
}

/** A whole REST body that is not what the path expects at all. */
export const hostileBody = fc.oneof(
  fc.constantFrom<unknown>(
    [],
    {},
    'text',
    42,
    true,
    { events: 'many' },
    { events: [null] },
    { viewerId: ['a'] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
