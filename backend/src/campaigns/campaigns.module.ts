import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { LedgerModule } from '../ledger/ledger.module';
import { CampaignHooks } from './campaign-hooks';
import { CampaignEntity } from './campaign.entity';
import { CampaignsService } from './campaigns.service';
import { CampaignResolver } from './graphql/campaign.resolver';

/** Brands' campaigns: budget, lifecycle (campaign-transitions.ts); money moves through the ledger. */
@Module({
  imports: [TypeOrmModule.forFeature([CampaignEntity]), LedgerModule],
  providers: [CampaignsService, CampaignHooks, CampaignResolver],
  exports: [CampaignsService, CampaignHooks],
})
export class CampaignsModule implements OnModuleInit {
  constructor(
    private readonly access: AccessPolicy,
    private readonly campaigns: CampaignsService,
  ) {}

  onModuleInit(): void {
    this.access.register(
      'campaign',
      (ids) => this.campaigns.owners(ids),
      (ids) => this.campaigns.readers(ids),
    );
  }
}
