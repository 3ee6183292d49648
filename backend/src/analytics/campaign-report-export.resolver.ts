import { Args, ID, Mutation, Resolver } from '@nestjs/graphql';
import { ExportsService } from '../exports/exports.service';
import { ExportType, toExportType } from '../exports/graphql/export.types';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/current-actor.decorator';
import { CAMPAIGN_REPORT_EXPORT } from './campaign-report-export';

/** `exportCampaignReport`: the campaign report as a CSV export (see CampaignReportExport). */
@Resolver()
export class CampaignReportExportResolver {
  constructor(private readonly exports: ExportsService) {}

  @Mutation(() => ExportType)
  async exportCampaignReport(
    @Args('campaignId', { type: () => ID }) campaignId: string,
    @CurrentActor() actor: Actor,
  ): Promise<ExportType> {
    return toExportType(await this.exports.request(actor, CAMPAIGN_REPORT_EXPORT, { campaignId }));
  }
}
