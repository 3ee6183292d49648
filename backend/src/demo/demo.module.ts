import { Module } from '@nestjs/common';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CreatorsModule } from '../creators/creators.module';
import { DropsModule } from '../drops/drops.module';
import { NegotiationModule } from '../negotiation/negotiation.module';
import { StreamsModule } from '../streams/streams.module';
import { DemoSeeder } from './demo-seeder.service';

@Module({
  imports: [CampaignsModule, CreatorsModule, StreamsModule, NegotiationModule, DropsModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
