import { Field, ObjectType } from '@nestjs/graphql';
import { BadUserInputError } from '../errors';

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

export const MAX_PAGE_SIZE = 200;

/** Keyset cursors: an opaque base64url of the sort key of the last row. */
export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(
  cursor: string | null | undefined,
  arity: number,
  field = 'after',
): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(values) && values.length === arity) return values as (string | number)[];
  } catch {
    // fall through
  }
  throw BadUserInputError.field(field, 'is not a cursor returned by this list');
}

export function pageSize(first: number | null | undefined, fallback: number, field = 'first'): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 0 || n > MAX_PAGE_SIZE) {
    throw BadUserInputError.field(field, `must be between 0 and ${MAX_PAGE_SIZE}`);
  }
  return n;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds a page from `first + 1` fetched rows. */
export function toPage<T>(
  rows: T[],
  first: number,
  totalCount: number,
  cursorOf: (row: T) => (string | number)[],
): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    pageInfo: { hasNextPage: rows.length > first, endCursor: last ? encodeCursor(cursorOf(last)) : null },
  };
}
