/**
 * Two entities read in one row (a drop and its stream) share column names (`id`, `status`...).
 * `prefixed` renames every column of an entity's column list (`s.title`, `s.ended_at AS "endedAt"`)
 * to `"<prefix><name>"` (`sql`) and takes the entity back out of such a row (`pick`).
 */
const COLUMN = /^\s*(\w+)\.(\w+)(?:\s+AS\s+"(\w+)")?\s*$/i;

export interface PrefixedColumns<T> {
  sql: string;
  pick(row: object): T;
}

export function prefixed<T>(columns: string, prefix: string): PrefixedColumns<T> {
  const parsed = columns.split(',').map((column) => {
    const match = COLUMN.exec(column);
    // A column list is a constant of the code: a shape this cannot rename is a programming error.
    if (!match) throw new Error(`prefixed(): cannot rename the column "${column.trim()}"`);
    const [, table, name, alias] = match;
    return { expression: `${table}.${name}`, name: alias ?? name };
  });
  return {
    sql: parsed.map((c) => `${c.expression} AS "${prefix}${c.name}"`).join(', '),
    pick(row) {
      const source = row as Record<string, unknown>;
      const entity: Record<string, unknown> = {};
      for (const { name } of parsed) entity[name] = source[prefix + name];
      return entity as T;
    },
  };
}
