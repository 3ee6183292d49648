import { Injectable } from '@nestjs/common';
import { OffersService } from '../negotiation/offers.service';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { CampaignKey, DEMO_OFFERS } from './demo-data';
import type { DemoAccount, DemoCreator } from './demo-types';

const EXPIRES_IN_MS = 1_000;

const terms = (fee: string, roses: number, discount = 20) => ({
  fee: { amount: fee, currency: 'USD' },
  streamCount: 3,
  roseAllowance: roses,
  couponDiscountPercent: discount,
  deliverables: 'Three sponsored streams with a pinned code and two rose drops each.',
});

export interface NegotiationTally {
  offers: number;
  accepted: number;
  revisions: number;
  messages: number;
  /** Expires the offers whose time has passed (the expiry job's own work, so no worker is needed). */
  settleExpiries(): Promise<void>;
}

/** The demo negotiations, step by step through the offers service (versions, turns, ledger). */
@Injectable()
export class DemoNegotiations {
  constructor(
    private readonly offers: OffersService,
    private readonly uow: UnitOfWork,
  ) {}

  async negotiate(
    campaigns: Map<CampaignKey, { id: string; brand: DemoAccount }>,
    creators: DemoCreator[],
  ): Promise<NegotiationTally> {
    const expiring: { id: string; at: Date }[] = [];
    const ids: string[] = [];
    for (const plan of DEMO_OFFERS) {
      const { id: campaignId, brand } = campaigns.get(plan.campaign) as { id: string; brand: DemoAccount };
      const creator = creators[plan.creator];
      const expiresAt = plan.outcome === 'expired' ? new Date(Date.now() + EXPIRES_IN_MS) : undefined;
      let offer = await this.offers.send(brand.actor, {
        campaignId,
        creatorId: creator.creatorId,
        terms: terms(
          plan.outcome === 'expired' ? '500.00' : '600.00',
          plan.outcome === 'expired' ? 10_000 : 20_000,
        ),
        message:
          plan.outcome === 'expired'
            ? 'Quick one: can you confirm by tonight?'
            : `Hi ${creator.name}! We love your streams and think our audiences overlap.`,
        expiresAt,
      });
      ids.push(offer.id);
      if (expiresAt) expiring.push({ id: offer.id, at: expiresAt });
      if (plan.outcome === 'sent' || plan.outcome === 'expired') continue;
      if (plan.outcome === 'withdrawn') {
        await this.offers.withdraw(brand.actor, offer.id);
        continue;
      }
      offer = await this.offers.counter(
        creator.actor,
        offer.id,
        offer.version,
        terms('850.00', 25_000, 25),
        'My audience converts well; could we do 850 with a 25% code?',
      );
      if (plan.outcome === 'countered') continue;
      if (plan.outcome === 'declined') {
        await this.offers.decline(brand.actor, offer.id, 'Over budget for this flight, sorry!');
        continue;
      }
      offer = await this.offers.counter(
        brand.actor,
        offer.id,
        offer.version,
        terms('750.00', 25_000, 25),
        'Meet in the middle at 750?',
      );
      await this.offers.accept(creator.actor, offer.id, offer.version);
    }
    const [counts] = await this.uow.query<{ revisions: number; messages: number }[]>(
      `SELECT (SELECT count(*)::int FROM offer_revisions WHERE offer_id = ANY($1)) AS revisions,
              (SELECT count(*)::int FROM offer_messages WHERE offer_id = ANY($1)) AS messages`,
      [ids],
    );
    return {
      offers: ids.length,
      accepted: DEMO_OFFERS.filter((o) => o.outcome === 'accepted').length,
      ...counts,
      settleExpiries: async () => {
        for (const { id, at } of expiring) {
          const wait = at.getTime() - Date.now() + 50;
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          await this.offers.expire(id);
        }
      },
    };
  }
}
