import { JobStatus } from '@bouquet/shared';
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createWriteStream, WriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { csvLine } from './csv';
import { ExportFiles } from './export-files';
import { ExportParams, ExportRowSource, ExportSources } from './export-sources';

/** Another run took the export over (a duplicate or restarted job): this one stops quietly. */
class Superseded extends Error {}

/** Writes a chunk, waiting for the file to drain when its buffer is full (backpressure). */
async function put(out: WriteStream, chunk: string): Promise<void> {
  if (out.errored) throw out.errored;
  if (!out.write(chunk)) await once(out, 'drain');
}

/**
 * Runs one export: claims it (RUNNING, with a fresh run id), pulls the row source's batches one at
 * a time into a `.part` file through a write stream (a batch is pulled only once the stream has
 * taken the previous one), records the row count after every batch, then renames the file into
 * place and marks it DONE in one step. Safe to run twice: a run whose id is no longer the row's
 * stops, and a DONE or FAILED export is left alone.
 */
@Injectable()
export class ExportRunner {
  private readonly logger = new Logger(ExportRunner.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly sources: ExportSources,
    private readonly files: ExportFiles,
  ) {}

  /** Returns the export's status afterwards (null when it does not exist). */
  async run(exportId: string, options: { lastAttempt: boolean }): Promise<JobStatus | null> {
    const runId = randomUUID();
    const [claimed] = await this.uow.query<[{ kind: string; params: ExportParams }[], number]>(
      `UPDATE exports SET status = 'RUNNING', run_id = $2, started_at = now(), row_count = 0, error = NULL
        WHERE id = $1 AND status IN ('PENDING', 'RUNNING')
        RETURNING kind, params`,
      [exportId, runId],
    );
    const job = claimed[0];
    if (!job) return this.statusOf(exportId);
    const part = this.files.partPath(exportId, runId);
    try {
      const source = this.sources.get(job.kind);
      const rows = await this.write(source, job.params, part, (n) => this.progress(exportId, runId, n));
      await this.finish(exportId, runId, part, rows);
      return JobStatus.DONE;
    } catch (error) {
      await rm(part, { force: true });
      if (error instanceof Superseded) return this.statusOf(exportId);
      const reason = (error as Error).message.slice(0, 500);
      this.logger.warn(`Export ${exportId} failed${options.lastAttempt ? '' : ' (will retry)'}: ${reason}`);
      await this.uow.query(
        `UPDATE exports SET status = $3, error = $4, row_count = NULL,
                finished_at = CASE WHEN $3 = 'FAILED' THEN now() END
          WHERE id = $1 AND run_id = $2 AND status = 'RUNNING'`,
        [exportId, runId, options.lastAttempt ? JobStatus.FAILED : JobStatus.PENDING, reason],
      );
      throw error;
    }
  }

  private async write(
    source: ExportRowSource,
    params: ExportParams,
    path: string,
    progress: (rows: number) => Promise<void>,
  ): Promise<number> {
    await mkdir(this.files.root, { recursive: true });
    const out = createWriteStream(path, { flags: 'wx', encoding: 'utf8' });
    // Errors are read from `out.errored` and the awaited events; this keeps them from crashing the process.
    out.on('error', () => undefined);
    let rows = 0;
    try {
      await put(out, csvLine(source.header));
      for await (const batch of source.batches(params)) {
        let chunk = '';
        for (const row of batch) chunk += csvLine(row);
        await put(out, chunk);
        rows += batch.length;
        await progress(rows);
      }
      out.end();
      await finished(out);
      return rows;
    } catch (error) {
      out.destroy();
      throw error;
    }
  }

  private async progress(exportId: string, runId: string, rows: number): Promise<void> {
    const [, changed] = await this.uow.query<[unknown, number]>(
      `UPDATE exports SET row_count = $3 WHERE id = $1 AND run_id = $2 AND status = 'RUNNING'`,
      [exportId, runId, rows],
    );
    if (changed === 0) throw new Superseded();
  }

  /** DONE and the file in place, together: the rename happens inside the transaction that marks it. */
  private async finish(exportId: string, runId: string, part: string, rows: number): Promise<void> {
    const name = this.files.finalName(exportId);
    await this.uow.run(async () => {
      const [, changed] = await this.uow.query<[unknown, number]>(
        `UPDATE exports SET status = 'DONE', row_count = $3, file_path = $4, finished_at = now(), error = NULL
          WHERE id = $1 AND run_id = $2 AND status = 'RUNNING'`,
        [exportId, runId, rows, name],
      );
      if (changed === 0) throw new Superseded();
      await rename(part, this.files.absolute(name));
    });
  }

  private async statusOf(exportId: string): Promise<JobStatus | null> {
    const [row] = await this.uow.query<{ status: JobStatus }[]>(`SELECT status FROM exports WHERE id = $1`, [
      exportId,
    ]);
    return row?.status ?? null;
  }
}
