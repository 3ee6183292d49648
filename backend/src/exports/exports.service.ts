import { JobStatus } from '@bouquet/shared';
import { Injectable, Logger } from '@nestjs/common';
import { stat } from 'node:fs/promises';
import { AccessPolicy } from '../identity/access/access-policy.service';
import type { Actor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { ConflictError, GoneError, NotFoundError } from '../platform/errors';
import { JobsService } from '../platform/queue/jobs.service';
import { requireUuid } from '../platform/validation/ids';
import { safeFileName } from './csv';
import { ExportEntity } from './export.entity';
import { ExportFiles } from './export-files';
import { ExportQueue } from './export-queue.service';
import { ExportParams, ExportSources } from './export-sources';

/** Access kind `export`: owned by the organization it was made for (members, granted agencies). */
export const EXPORT = 'export';

export interface ExportDownload {
  export: ExportEntity;
  path: string;
  size: number;
}

/** Requesting exports, reading them, and finding the file of a finished one. */
@Injectable()
export class ExportsService {
  private readonly logger = new Logger(ExportsService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly sources: ExportSources,
    private readonly queue: ExportQueue,
    private readonly files: ExportFiles,
    private readonly jobs: JobsService,
  ) {}

  async owners(ids: string[]): Promise<Map<string, string[]>> {
    const rows = await this.uow.query<{ id: string; organization_id: string }[]>(
      `SELECT id, organization_id FROM exports WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, [r.organization_id]]));
  }

  /**
   * A new PENDING export of a kind, for people only (the portal). The kind's row source checks the
   * actor may read what it exports and names the owner; the worker writes the file.
   */
  async request(actor: Actor, kind: string, params: ExportParams): Promise<ExportEntity> {
    this.access.requireUser(actor);
    const source = this.sources.get(kind);
    const grant = await source.authorize(actor, params);
    const repo = this.uow.repo(ExportEntity);
    const created = await repo.save(
      repo.create({
        kind,
        params,
        status: JobStatus.PENDING,
        rowCount: null,
        filePath: null,
        fileName: safeFileName(grant.fileStem),
        organizationId: grant.ownerOrganizationId,
        createdBy: actor.userId,
        error: null,
        runId: null,
        startedAt: null,
        finishedAt: null,
      }),
    );
    // Read back as committed (PENDING) before the job exists, so the answer never races the worker
    // and the worker always finds the row. Were Redis down here, the answer does not wait for it:
    // the exports restorer (worker boot, after an outage, Redis data lost) and the hourly
    // maintenance re-enqueue PENDING exports.
    const pending = await repo.findOneByOrFail({ id: created.id });
    await this.jobs.bounded(`export ${created.id}`, () => this.queue.enqueue(created.id));
    return pending;
  }

  async get(actor: Actor, id: string): Promise<ExportEntity> {
    this.access.requireUser(actor);
    requireUuid(id, 'Export');
    await this.access.require(actor, EXPORT, [id], 'read');
    const found = await this.uow.repo(ExportEntity).findOneBy({ id });
    if (!found) throw new NotFoundError('Export', id);
    return found;
  }

  /** The file of a DONE export: CONFLICT before that, GONE when the file has disappeared. */
  async download(actor: Actor, id: string): Promise<ExportDownload> {
    const found = await this.get(actor, id);
    if (found.status !== JobStatus.DONE || !found.filePath)
      throw new ConflictError(`Export ${id} is ${found.status}; its file can be downloaded once it is DONE`, {
        status: found.status,
      });
    const path = this.files.absolute(found.filePath);
    try {
      const info = await stat(path);
      return { export: found, path, size: info.size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.logger.warn(`File of export ${id} is missing under ${this.files.root}`);
      throw new GoneError(`The file of export ${id} is no longer available; request a new export`);
    }
  }
}
