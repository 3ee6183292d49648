import { Client } from 'pg';

/** Columns that legitimately change on a read or a refused call (e.g. an API key's last use). */
const VOLATILE_COLUMNS: Record<string, string[]> = {
  api_keys: ['last_used_at'],
};

/** Per table: its row count and a hash of every row's content. */
export type Digest = Record<string, { rows: number; hash: string }>;

/**
 * Fingerprints a whole database in one query, so a test can prove that a refused call changed
 * nothing: same rows, same content, in every table (partitioned tables through their parent).
 */
export class DatabaseDigest {
  private sql?: string;

  private constructor(private readonly client: Client) {}

  static async connect(url: string): Promise<DatabaseDigest> {
    const client = new Client({ connectionString: url, application_name: 'reliability-digest' });
    client.on('error', () => undefined);
    await client.connect();
    return new DatabaseDigest(client);
  }

  private async query(): Promise<string> {
    if (this.sql) return this.sql;
    const { rows } = await this.client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'migrations'
        ORDER BY c.relname`,
    );
    this.sql = rows
      .map(({ name }) => {
        const drop = (VOLATILE_COLUMNS[name] ?? []).map((c) => ` - '${c}'`).join('');
        return `SELECT '${name}' AS name, count(*)::int AS rows,
                  md5(coalesce(string_agg(md5((to_jsonb(x)${drop})::text), '' ORDER BY md5((to_jsonb(x)${drop})::text)), '')) AS hash
             FROM "${name}" x`;
      })
      .join('\nUNION ALL\n');
    return this.sql;
  }

  async take(): Promise<Digest> {
    const { rows } = await this.client.query<{ name: string; rows: number; hash: string }>(
      await this.query(),
    );
    return Object.fromEntries(rows.map((r) => [r.name, { rows: r.rows, hash: r.hash }]));
  }

  /** Tables whose content differs between two digests, e.g. `["campaigns (3 -> 4 rows)"]`. */
  static diff(before: Digest, after: Digest): string[] {
    const changed: string[] = [];
    for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const a = before[name];
      const b = after[name];
      if (!a || !b || a.hash !== b.hash)
        changed.push(`${name} (${a?.rows ?? 'none'} -> ${b?.rows ?? 'none'} rows)`);
    }
    return changed;
  }

  /** Sums over the tables: how many rows the database holds. */
  static totalRows(digest: Digest): number {
    return Object.values(digest).reduce((sum, t) => sum + t.rows, 0);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
