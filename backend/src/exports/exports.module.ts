import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { ExportEntity } from './export.entity';
import { ExportFiles } from './export-files';
import { ExportQueue } from './export-queue.service';
import { ExportRunner } from './export-runner.service';
import { ExportSources } from './export-sources';
import { EXPORT, ExportsService } from './exports.service';
import { ExportsProcessor } from './exports.processor';
import { ExportResolver } from './graphql/export.resolver';
import { ExportsController } from './rest/exports.controller';

/**
 * CSV exports: the `Export` row and its lifecycle (PENDING, RUNNING, DONE or FAILED), a job on the
 * `exports` queue that streams rows into a file under EXPORT_DIR, and the download path. What is
 * exported comes from row sources that other domains register with `ExportSources` (coupons:
 * COUPON_CODES, analytics: CAMPAIGN_REPORT), so this domain depends on none of them.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ExportEntity])],
  controllers: [ExportsController],
  providers: [
    ExportSources,
    ExportFiles,
    ExportQueue,
    ExportsService,
    ExportRunner,
    ExportsProcessor,
    ExportResolver,
  ],
  exports: [ExportSources, ExportsService],
})
export class ExportsModule implements OnModuleInit {
  constructor(
    private readonly access: AccessPolicy,
    private readonly exports: ExportsService,
  ) {}

  onModuleInit(): void {
    this.access.register(EXPORT, (ids) => this.exports.owners(ids));
  }
}
