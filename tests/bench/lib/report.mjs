// The results table: printed to the terminal and written into docs/benchmarks.md (between markers).
import fs from 'node:fs';
import os from 'node:os';
import { Redis } from 'ioredis';
import * as prettier from 'prettier';
import { ADMIN_URL, REDIS_URL, withClient } from './common.mjs';

export const START_MARK = '<!-- bench:results:start -->';
export const END_MARK = '<!-- bench:results:end -->';

export async function machineInfo() {
  const pgVersion = await withClient(ADMIN_URL, async (c) => {
    const { rows } = await c.query(
      `SELECT current_setting('server_version') AS v, current_setting('max_connections') AS mc,
              current_setting('shared_buffers') AS sb, current_setting('synchronous_commit') AS sc`,
    );
    return `PostgreSQL ${rows[0].v} (max_connections ${rows[0].mc}, shared_buffers ${rows[0].sb}, synchronous_commit ${rows[0].sc})`;
  });
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  const info = await redis.info('server');
  redis.disconnect();
  const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memoryGiB: os.totalmem() / 1024 ** 3,
    postgres: pgVersion,
    redis: `Redis ${redisVersion}`,
    node: `Node.js ${process.version}`,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' / '),
  };
}

const COLUMNS = ['id', 'figure', 'baseline (same run)', 'ratio', 'p50 / p95 / p99', 'goal', 'met?'];

function cells(row) {
  return [
    row.id,
    row.figure,
    row.baseline,
    row.ratio,
    row.percentiles ?? '-',
    row.goal,
    row.error ? 'ERROR' : row.met ? 'yes' : 'NO',
  ];
}

export function consoleTable(rows) {
  const table = [COLUMNS, ...rows.map(cells)];
  const widths = COLUMNS.map((_, i) => Math.max(...table.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  return [line(table[0]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...table.slice(1).map(line)].join(
    '\n',
  );
}

const escapeCell = (s) => String(s).replaceAll('|', '\\|');

export function markdownSection({ rows, machine, mode, startedAt, totalMs, config }) {
  const out = [];
  out.push(
    `Run of ${startedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC, \`npm run bench${mode === 'quick' ? ' -- --quick' : ''}\` ` +
      `(${mode} mode, ${Math.round(totalMs / 1000)} s in all).`,
  );
  out.push('');
  out.push(
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB.toFixed(1)} GiB memory, ${machine.os}; ` +
      `${machine.postgres}; ${machine.redis}; ${machine.node}. Load average at the start: ${machine.loadAverage} ` +
      `(the machine is shared: figures are noisy).`,
  );
  out.push('');
  out.push(`Backend: ${config}.`);
  out.push('');
  out.push(`| ${COLUMNS.join(' | ')} |`);
  out.push(`| ${COLUMNS.map(() => '---').join(' | ')} |`);
  for (const row of rows) out.push(`| ${cells(row).map(escapeCell).join(' | ')} |`);
  out.push('');
  for (const row of rows) {
    if (!row.notes?.length && !row.error) continue;
    out.push(
      `- **${row.id}** ${row.title}: ${[...(row.error ? [`ERROR: ${row.error}`] : []), ...(row.notes ?? [])].join(' ')}`,
    );
  }
  return out.join('\n');
}

/**
 * Replaces the generated section of `file` (created with a title when it does not exist), formatted
 * by the repository's Prettier settings so `npm run format:check` stays green.
 */
export async function writeSection(file, section) {
  const text = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : `# Benchmarks\n\n${START_MARK}\n${END_MARK}\n`;
  const start = text.indexOf(START_MARK);
  const end = text.indexOf(END_MARK);
  if (start < 0 || end < start) throw new Error(`${file} lacks the ${START_MARK} ... ${END_MARK} markers`);
  const updated = `${text.slice(0, start + START_MARK.length)}\n\n${section}\n\n${text.slice(end)}`;
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(updated, { ...options, filepath: file }));
}
