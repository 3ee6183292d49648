import { Controller, Get, Param, StreamableFile, UseGuards } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import type { Actor } from '../../platform/auth/actor';
import { CurrentActor } from '../../platform/auth/current-actor.decorator';
import { RestAuthGuard } from '../../platform/auth/rest-auth.guard';
import { ExportsService } from '../exports.service';

/**
 * `GET /v1/exports/{id}/download` (rest.md, "Files"): the CSV of a DONE export, streamed from
 * EXPORT_DIR, for a person of the owning organization or a granted agency (portal bearer token).
 * 401 without credentials, 403 for API keys, 404 for other tenants, 409 before DONE.
 */
@Controller('v1/exports')
@UseGuards(RestAuthGuard)
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get(':id/download')
  async download(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const file = await this.exports.download(actor, id);
    return new StreamableFile(createReadStream(file.path), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="${file.export.fileName}"`,
      length: file.size,
    });
  }
}
