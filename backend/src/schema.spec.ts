import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from './testing/test-app';

const SCHEMA_FILE = join(__dirname, '..', 'schema.gql');
const HEADER = '# Emitted by the backend (code-first). Do not edit: run `npm run schema` to regenerate.\n\n';

describe('emitted GraphQL schema', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('matches the committed backend/schema.gql', () => {
    const emitted = HEADER + printSchema(lexicographicSortSchema(t.app.get(GraphQLSchemaHost).schema)) + '\n';
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, emitted);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    // When this fails, run `npm run schema` and commit backend/schema.gql.
    expect(committed).toBe(emitted);
  });
});
