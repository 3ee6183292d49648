import { Module } from '@nestjs/common';
import { AnalyticsModule } from '../analytics/analytics.module';
import { DropsModule } from '../drops/drops.module';
import { StreamsModule } from '../streams/streams.module';
import { EventsController } from './events.controller';
import { IngestService } from './ingest.service';

/** `POST /v1/events`: durable, deduplicated stream events feeding rollups, milestones and lifecycle. */
@Module({
  imports: [StreamsModule, DropsModule, AnalyticsModule],
  controllers: [EventsController],
  providers: [IngestService],
  exports: [IngestService],
})
export class IngestModule {}
