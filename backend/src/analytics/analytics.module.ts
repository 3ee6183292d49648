import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CreatorsModule } from '../creators/creators.module';
import { DropsModule } from '../drops/drops.module';
import { ExportsModule } from '../exports/exports.module';
import { StreamsModule } from '../streams/streams.module';
import { AnalyticsProcessor, AnalyticsScheduler } from './analytics.processor';
import { AnalyticsResolver, CampaignMetricsResolver } from './analytics.resolver';
import { AnalyticsService } from './analytics.service';
import { CampaignReportExport } from './campaign-report-export';
import { CampaignReportExportResolver } from './campaign-report-export.resolver';
import { RollupsService } from './rollups.service';
import { StreamTicks } from './stream-tick';

/** Per-minute rollups of stream activity and the analytics read from them. */
@Module({
  imports: [StreamsModule, DropsModule, CampaignsModule, CreatorsModule, ExportsModule],
  providers: [
    RollupsService,
    AnalyticsService,
    StreamTicks,
    AnalyticsProcessor,
    AnalyticsScheduler,
    AnalyticsResolver,
    CampaignMetricsResolver,
    CampaignReportExport,
    CampaignReportExportResolver,
  ],
  exports: [RollupsService, AnalyticsService, StreamTicks],
})
export class AnalyticsModule {}
