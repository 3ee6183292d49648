import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CreatorsModule } from '../creators/creators.module';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { LedgerModule } from '../ledger/ledger.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { CampaignOffersResolver } from './graphql/campaign-offers.resolver';
import { OfferMessageResolver, OfferResolver } from './graphql/offer.resolver';
import { OfferContexts } from './offer-context';
import { OfferExpiryScheduler, OffersProcessor } from './offer-expiry.processor';
import { OfferLoaders } from './offer-loaders';
import { OfferQueries } from './offer-queries.service';
import { NEGOTIATION_ENTITIES } from './offer.entities';
import { OffersService } from './offers.service';

/** Offers, counter-offers with versioned terms, messages and expiry (invariant 4). */
@Module({
  imports: [
    TypeOrmModule.forFeature(NEGOTIATION_ENTITIES),
    CampaignsModule,
    CreatorsModule,
    LedgerModule,
    NotificationsModule,
  ],
  providers: [
    OfferContexts,
    OffersService,
    OfferQueries,
    OfferLoaders,
    OfferResolver,
    OfferMessageResolver,
    CampaignOffersResolver,
    OffersProcessor,
    OfferExpiryScheduler,
  ],
  exports: [OfferQueries, OffersService],
})
export class NegotiationModule implements OnModuleInit {
  constructor(
    private readonly access: AccessPolicy,
    private readonly contexts: OfferContexts,
  ) {}

  onModuleInit(): void {
    this.access.register('offer', (ids) => this.contexts.owners(ids));
  }
}
