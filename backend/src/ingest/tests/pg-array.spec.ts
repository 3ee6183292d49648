import { Client } from 'pg';
import { TEST_DATABASE_URL } from '@bouquet/testing';
import { pgArray } from '../pg-array';

/** The fast array literal must give Postgres exactly the values the driver's escaping gives. */
describe('pgArray', () => {
  let pg: Client;
  beforeAll(async () => {
    pg = new Client({ connectionString: TEST_DATABASE_URL });
    await pg.connect();
  });
  afterAll(() => pg.end());

  const tricky = [
    'plain',
    '',
    'NULL',
    'null',
    ' spaced ',
    'quote " inside',
    'back\\slash',
    'ends with \\',
    '\\"',
    '{braces}, [brackets], commas',
    'émoji 🌹 ünïcode',
    'tab\there',
    'new\nline',
    'bell\u0007',
    'lone \ud800 surrogate',
    '\\u0041 not an escape',
  ];

  it('round-trips every string, NULL and number through a Postgres array', async () => {
    const strings = [...tricky, null];
    const numbers = [0, 1, -5, 100_000, 1_000_000_000, null];
    for (const [values, type] of [
      [strings, 'varchar[]'],
      [numbers, 'bigint[]'],
    ] as const) {
      const { rows } = await pg.query(`SELECT $1::${type} AS fast, $2::${type} AS driver`, [
        pgArray(values),
        values,
      ]);
      expect(rows[0].fast).toEqual(rows[0].driver);
      expect(rows[0].fast).toHaveLength(values.length);
    }
  });

  it('builds the literal itself when JSON escaped nothing else than quotes and backslashes', () => {
    expect(pgArray(['a', 'b"c', 'd\\e', null])).toBe('{"a","b\\"c","d\\\\e",null}');
    expect(pgArray([1, 2, null])).toBe('{1,2,null}');
    expect(Array.isArray(pgArray(['new\nline']))).toBe(true);
  });
});
