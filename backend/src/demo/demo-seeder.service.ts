import {
  CampaignObjective,
  DropTrigger,
  MembershipRole,
  OrganizationKind,
  StreamStatus,
} from '@bouquet/shared';
import { Injectable, Logger } from '@nestjs/common';
import type { UserActor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { AgencyGrantsService } from '../identity/agencies/agency-grants.service';
import { SignUpService } from '../identity/auth/sign-up.service';
import { CampaignsService } from '../campaigns/campaigns.service';
import { CreatorsService } from '../creators/creators.service';
import { StreamsService } from '../streams/streams.service';
import { OffersService } from '../negotiation/offers.service';
import { DropScheduling } from '../drops/drop-scheduling.service';
import { DropTriggers } from '../drops/drop-triggers.service';
import { DropClaims } from '../drops/drop-claims.service';
import { DEMO_AGENCY, DEMO_BRANDS, DEMO_CREATORS, DEMO_PASSWORD } from './demo-data';

interface Account {
  actor: UserActor;
  organizationId: string;
}

const HOUR = 3_600_000;

/**
 * Seeds the demo world through the domain services (so every rule applies), once: brands, an
 * agency with a grant, creators, campaigns in every status, offers in every state, past, live and
 * upcoming streams, and drops with claims.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('DemoSeeder');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly signUps: SignUpService,
    private readonly grants: AgencyGrantsService,
    private readonly creators: CreatorsService,
    private readonly campaigns: CampaignsService,
    private readonly offers: OffersService,
    private readonly streams: StreamsService,
    private readonly drops: DropScheduling,
    private readonly triggers: DropTriggers,
    private readonly claims: DropClaims,
  ) {}

  async alreadySeeded(): Promise<boolean> {
    const rows = await this.uow.query<unknown[]>(`SELECT 1 FROM users WHERE email = $1`, [
      DEMO_BRANDS[0].email,
    ]);
    return rows.length > 0;
  }

  async seed(progress: (step: string, done: number, total: number) => void = () => undefined): Promise<void> {
    const total = 7;
    progress('brands and agency', 0, total);
    const brands = new Map<string, Account>();
    for (const b of DEMO_BRANDS)
      brands.set(b.key, await this.account(b.email, b.person, b.name, OrganizationKind.BRAND));
    const agency = await this.account(
      DEMO_AGENCY.email,
      DEMO_AGENCY.person,
      DEMO_AGENCY.name,
      OrganizationKind.AGENCY,
    );
    const bloom = brands.get('bloom') as Account;
    await this.grants.grant(bloom.actor, bloom.organizationId, agency.organizationId);

    progress('30 creators', 1, total);
    const creators: (Account & { creatorId: string; name: string })[] = [];
    for (const c of DEMO_CREATORS) {
      const account = await this.account(
        c.email,
        c.displayName,
        c.displayName,
        OrganizationKind.CREATOR,
        c.handle,
      );
      const [{ id }] = await this.uow.query<{ id: string }[]>(
        `SELECT id FROM creators WHERE organization_id = $1`,
        [account.organizationId],
      );
      await this.creators.updateProfile(account.actor, id, {
        bio: c.bio,
        categories: c.categories,
        country: c.country,
        followerCount: c.followerCount,
        averageViewers: c.averageViewers,
        rate: { amount: c.rate, currency: 'USD' },
      });
      creators.push({ ...account, creatorId: id, name: c.displayName });
    }

    progress('campaigns in every status', 2, total);
    const campaign = async (
      brand: Account,
      name: string,
      budget: string,
      objective: CampaignObjective,
      brief: string,
    ) =>
      (
        await this.campaigns.create(brand.actor, {
          brandId: brand.organizationId,
          name,
          brief,
          objective,
          budget: { amount: budget, currency: 'USD' },
        })
      ).id;
    const nova = brands.get('nova') as Account;
    const petal = brands.get('petal') as Account;
    const spring = await campaign(
      bloom,
      'Spring Glow',
      '25000.00',
      CampaignObjective.SALES,
      'Launch the Spring Glow palette with live rose drops and 20% codes.',
    );
    const holiday = await campaign(
      bloom,
      'Holiday Sparkle',
      '40000.00',
      CampaignObjective.AWARENESS,
      'Gift sets for the holidays; brief in review.',
    );
    const night = await campaign(
      nova,
      'Run the Night',
      '18000.00',
      CampaignObjective.ENGAGEMENT,
      'Night-run sneakers: drops during late fitness streams.',
    );
    const summer = await campaign(
      nova,
      'Summer Kicks',
      '12000.00',
      CampaignObjective.SALES,
      'Summer colours, paused while stock arrives.',
    );
    const teaTime = await campaign(
      petal,
      'Tea Time Live',
      '6000.00',
      CampaignObjective.SALES,
      'Cozy tea tastings with creators.',
    );
    const winter = await campaign(
      petal,
      'Winter Warmers',
      '8000.00',
      CampaignObjective.AWARENESS,
      'Cancelled: the winter range moved to next year.',
    );
    for (const [brand, id] of [
      [bloom, spring],
      [nova, night],
      [nova, summer],
      [petal, teaTime],
    ] as const)
      await this.campaigns.transition(brand.actor, id, 'launch');

    progress('offers and negotiations', 3, total);
    const terms = (fee: string, roses: number, discount = 20) => ({
      fee: { amount: fee, currency: 'USD' },
      streamCount: 3,
      roseAllowance: roses,
      couponDiscountPercent: discount,
      deliverables: 'Three sponsored streams with a pinned code and two rose drops each.',
    });
    const accepted: { brand: Account; campaignId: string; creator: (typeof creators)[number] }[] = [];
    const negotiate = async (
      brand: Account,
      campaignId: string,
      creator: (typeof creators)[number],
      outcome: string,
    ) => {
      let offer = await this.offers.send(brand.actor, {
        campaignId,
        creatorId: creator.creatorId,
        terms: terms('600.00', 20000),
        message: `Hi ${creator.name}! We love your streams and think our audience overlaps.`,
      });
      if (outcome === 'withdrawn') return this.offers.withdraw(brand.actor, offer.id);
      if (outcome === 'pending') return offer;
      offer = await this.offers.counter(
        creator.actor,
        offer.id,
        offer.version,
        terms('850.00', 25000, 25),
        'My audience converts well; could we do 850 with a 25% code?',
      );
      if (outcome === 'declined')
        return this.offers.decline(brand.actor, offer.id, 'Over budget for this flight, sorry!');
      offer = await this.offers.counter(
        brand.actor,
        offer.id,
        offer.version,
        terms('750.00', 25000, 25),
        'Meet in the middle at 750?',
      );
      offer = await this.offers.accept(creator.actor, offer.id, offer.version);
      accepted.push({ brand, campaignId, creator });
      return offer;
    };
    await negotiate(bloom, spring, creators[0], 'accepted');
    await negotiate(bloom, spring, creators[1], 'accepted');
    await negotiate(bloom, spring, creators[2], 'pending');
    await negotiate(bloom, spring, creators[3], 'declined');
    await negotiate(bloom, holiday, creators[4], 'withdrawn');
    await negotiate(nova, night, creators[5], 'accepted');
    await negotiate(nova, night, creators[6], 'pending');
    await negotiate(petal, teaTime, creators[7], 'accepted');
    await this.offers.send(nova.actor, {
      campaignId: night,
      creatorId: creators[8].creatorId,
      terms: terms('500.00', 10000),
      message: 'Quick one: can you confirm by tonight?',
      expiresAt: new Date(Date.now() + 1500),
    });

    progress('streams: past, live and upcoming', 4, total);
    const live: { streamId: string; deal: (typeof accepted)[number] }[] = [];
    for (const [i, deal] of accepted.entries()) {
      const c = deal.creator;
      const past = await this.streams.schedule(c.actor, {
        creatorId: c.creatorId,
        title: `Late show #${i + 1}`,
        scheduledStartAt: new Date(Date.now() + HOUR),
      });
      await this.streams.transition(past.id, StreamStatus.LIVE, new Date(Date.now() - 26 * HOUR));
      await this.streams.transition(past.id, StreamStatus.ENDED, new Date(Date.now() - 24 * HOUR));
      const now = await this.streams.schedule(c.actor, {
        creatorId: c.creatorId,
        title: `Live now: ${i % 2 ? 'Q&A and rose rain' : 'Get ready with me'}`,
        scheduledStartAt: new Date(Date.now() + 60_000),
        externalId: `demo-live-${i + 1}`,
      });
      await this.streams.transition(now.id, StreamStatus.LIVE);
      live.push({ streamId: now.id, deal });
      await this.streams.schedule(c.actor, {
        creatorId: c.creatorId,
        title: 'Weekend special',
        scheduledStartAt: new Date(Date.now() + 48 * HOUR),
      });
    }

    progress('drops and claims', 5, total);
    for (const [i, { streamId, deal }] of live.entries()) {
      const manual = await this.drops.schedule(deal.brand.actor, {
        campaignId: deal.campaignId,
        streamId,
        trigger: DropTrigger.MANUAL,
        roseCount: 500,
        perViewerLimit: 1,
        claimWindowSeconds: 3600,
      });
      await this.triggers.openManually(deal.brand.actor, manual.id);
      for (let v = 0; v < 40 + i * 25; v++)
        await this.claims.claim(deal.creator.actor, manual.id, `viewer-${i}-${v}`);
      await this.drops.schedule(deal.brand.actor, {
        campaignId: deal.campaignId,
        streamId,
        trigger: DropTrigger.GIFT_MILESTONE,
        roseCount: 1000,
        perViewerLimit: 1,
        milestoneRoses: 5000,
        claimWindowSeconds: 600,
      });
    }

    progress('finishing campaign states', 6, total);
    await this.campaigns.transition(nova.actor, summer, 'pause');
    await this.campaigns.transition(petal.actor, teaTime, 'complete');
    await this.campaigns.transition(petal.actor, winter, 'cancel');
    progress('done', total, total);
    this.logger.log('Demo world seeded');
  }

  private async account(
    email: string,
    person: string,
    organizationName: string,
    kind: OrganizationKind,
    creatorHandle?: string,
  ): Promise<Account> {
    const session = await this.signUps.signUp({
      email,
      password: DEMO_PASSWORD,
      displayName: person,
      organizationName,
      organizationKind: kind,
      creatorHandle,
    });
    const [{ organization_id: organizationId }] = await this.uow.query<{ organization_id: string }[]>(
      `SELECT organization_id FROM memberships WHERE user_id = $1`,
      [session.user.id],
    );
    return {
      actor: {
        kind: 'user',
        userId: session.user.id,
        memberships: new Map([[organizationId, MembershipRole.OWNER]]),
      },
      organizationId,
    };
  }
}
