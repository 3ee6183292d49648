import { JobStatus, MembershipRole, OrganizationKind } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { CampaignsService } from '../campaigns/campaigns.service';
import { CouponPoolsService } from '../coupons/pools/coupon-pools.service';
import { CreatorsService } from '../creators/creators.service';
import { AgencyGrantsService } from '../identity/agencies/agency-grants.service';
import { SignUpService } from '../identity/auth/sign-up.service';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { DemoClock } from './demo-clock';
import {
  CampaignKey,
  DEMO_AGENCY,
  DEMO_BRANDS,
  DEMO_CAMPAIGNS,
  DEMO_CREATORS,
  DEMO_LIVE_STREAM,
  DEMO_PASSWORD,
  DEMO_PAST_STREAMS,
  DEMO_POOLS,
  DEMO_UPCOMING_STREAMS,
  HISTORY_AGE_MS,
} from './demo-data';
import { DemoNegotiations } from './demo-negotiations';
import { DemoStreams } from './demo-streams.service';
import type { DemoAccount, DemoCreator, DemoDeal, StreamTally } from './demo-types';

export type SeedState = 'none' | 'partial' | 'complete';
export type Progress = (step: string, detail: string) => void;

/** Serializes seeders across api replicas that boot together with SEED_DEMO=true. */
const SEED_LOCK = 7212840002;
const POOL_GENERATION_TIMEOUT_MS = 60_000;
const SIGN_UP_CONCURRENCY = 3;
export const SEED_STEPS = 7;

/**
 * Seeds the demo world through the domain services (so every rule applies), once: accounts, an
 * agency grant, campaigns, negotiations, coupon pools, past streams with real events, drops,
 * claims and redemptions, the live stream, upcoming streams, and the campaigns' final states.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly signUps: SignUpService,
    private readonly grants: AgencyGrantsService,
    private readonly creators: CreatorsService,
    private readonly campaigns: CampaignsService,
    private readonly pools: CouponPoolsService,
    private readonly negotiations: DemoNegotiations,
    private readonly streams: DemoStreams,
    private readonly clock: DemoClock,
  ) {}

  /** none: nothing seeded; complete: the last step (cancelling Winter Warmers) is done. */
  async state(): Promise<SeedState> {
    const [row] = await this.uow.query<{ started: boolean; done: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM users WHERE email = $1) AS started,
              EXISTS (SELECT 1 FROM campaigns c JOIN memberships m ON m.organization_id = c.brand_id
                        JOIN users u ON u.id = m.user_id
                       WHERE u.email = $2 AND c.name = 'Winter Warmers' AND c.status = 'CANCELLED') AS done`,
      [DEMO_BRANDS[0].email, DEMO_BRANDS[2].email],
    );
    return row.done ? 'complete' : row.started ? 'partial' : 'none';
  }

  /** Runs `work` holding a session advisory lock, so two processes never seed at once. */
  async exclusively<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.uow.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(${SEED_LOCK})`);
      return await work();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${SEED_LOCK})`).catch(() => undefined);
      await runner.release();
    }
  }

  /** The LIVE demo stream (for the start banner), or null. */
  async liveStream(): Promise<{ id: string; title: string } | null> {
    const [row] = await this.uow.query<{ id: string; title: string }[]>(
      `SELECT s.id, s.title FROM streams s JOIN creators c ON c.id = s.creator_id
        WHERE c.handle = $1 AND s.external_id = $2 AND s.status = 'LIVE'`,
      [DEMO_CREATORS[DEMO_LIVE_STREAM.creator].handle, DEMO_LIVE_STREAM.externalId],
    );
    return row ?? null;
  }

  async seed(progress: Progress = () => undefined): Promise<void> {
    const brands = new Map<string, DemoAccount>();
    for (const b of DEMO_BRANDS) brands.set(b.key, await this.account(b.email, b.person, b.name, 'BRAND'));
    const agency = await this.account(DEMO_AGENCY.email, DEMO_AGENCY.person, DEMO_AGENCY.name, 'AGENCY');
    const bloom = brands.get('bloom') as DemoAccount;
    await this.grants.grant(bloom.actor, bloom.organizationId, agency.organizationId);
    const creators = await this.seedCreators();
    progress(
      'accounts',
      `${brands.size} brands, 1 agency (managing ${DEMO_BRANDS[0].name}), ${creators.length} creators`,
    );

    const campaigns = new Map<CampaignKey, { id: string; brand: DemoAccount }>();
    for (const c of DEMO_CAMPAIGNS) {
      const brand = brands.get(c.brand) as DemoAccount;
      const { id } = await this.campaigns.create(brand.actor, {
        brandId: brand.organizationId,
        name: c.name,
        brief: c.brief,
        objective: c.objective,
        budget: { amount: c.budget, currency: 'USD' },
      });
      if (c.final !== 'DRAFT') await this.campaigns.transition(brand.actor, id, 'launch');
      campaigns.set(c.key, { id, brand });
    }
    progress('campaigns', `${campaigns.size} campaigns for ${brands.size} brands`);

    const offers = await this.negotiations.negotiate(campaigns, creators);
    progress(
      'offers',
      `${offers.offers} offers (${offers.accepted} accepted), ${offers.revisions} revisions, ${offers.messages} messages`,
    );

    const pools = new Map<string, string>();
    for (const p of DEMO_POOLS) {
      const campaign = campaigns.get(p.campaign) as { id: string; brand: DemoAccount };
      const pool = await this.pools.create(campaign.brand.actor, {
        campaignId: campaign.id,
        name: p.name,
        discountType: p.discountType,
        discountValue: p.discountValue,
        codePrefix: p.prefix,
        codeLength: 8,
        size: p.size,
        usageLimitPerCode: 1,
        perCustomerLimit: 1,
        creatorId: p.creator === null ? null : creators[p.creator].creatorId,
      });
      pools.set(p.key, pool.id);
    }
    const codes = await this.generated(campaigns, pools);
    progress('coupon pools', `${pools.size} pools, ${codes.toLocaleString('en-US')} codes generated`);

    await offers.settleExpiries();
    await this.clock.ageHistory(this.scope([...brands.values(), agency, ...creators]), HISTORY_AGE_MS);

    const deal = (campaign: CampaignKey, creator: number, pool: string): DemoDeal => {
      const c = campaigns.get(campaign) as { id: string; brand: DemoAccount };
      return {
        brand: c.brand,
        campaignId: c.id,
        creator: creators[creator],
        poolId: pools.get(pool) as string,
      };
    };
    const past: StreamTally[] = [];
    for (const [i, plan] of DEMO_PAST_STREAMS.entries())
      past.push(
        await this.streams.past(plan, deal(plan.campaign, plan.creator, plan.pool), `demo-past-${i + 1}`),
      );
    const sum = (key: 'events' | 'drops' | 'claims' | 'redemptions' | 'rollbacks') =>
      past.reduce((n, t) => n + t[key], 0).toLocaleString('en-US');
    progress(
      'past streams',
      `${past.length} streams, ${sum('events')} events, ${sum('drops')} drops, ${sum('claims')} claims, ` +
        `${sum('redemptions')} redemptions (${sum('rollbacks')} rolled back)`,
    );

    const live = await this.streams.live(
      deal(DEMO_LIVE_STREAM.campaign, DEMO_LIVE_STREAM.creator, DEMO_LIVE_STREAM.pool),
      'demo-live',
    );
    for (const u of DEMO_UPCOMING_STREAMS)
      await this.streams.upcoming({ creator: creators[u.creator] }, u.title, u.inHours);
    progress(
      'live stream',
      `"${DEMO_LIVE_STREAM.title}" with ${live.events.toLocaleString('en-US')} events, ${live.claims} claims, ` +
        `a drop open now; ${DEMO_UPCOMING_STREAMS.length} upcoming streams`,
    );

    for (const c of DEMO_CAMPAIGNS) {
      const { id, brand } = campaigns.get(c.key) as { id: string; brand: DemoAccount };
      if (c.final === 'PAUSED') await this.campaigns.transition(brand.actor, id, 'pause');
      if (c.final === 'COMPLETED') await this.campaigns.transition(brand.actor, id, 'complete');
      if (c.final === 'CANCELLED') await this.campaigns.transition(brand.actor, id, 'cancel');
    }
    progress('campaign states', DEMO_CAMPAIGNS.map((c) => `${c.name} ${c.final}`).join(', '));
  }

  /** Signs the creators up a few at a time (password hashing is the slow part) and fills their profiles. */
  private async seedCreators(): Promise<DemoCreator[]> {
    const creators: DemoCreator[] = new Array(DEMO_CREATORS.length);
    let next = 0;
    const worker = async () => {
      while (next < DEMO_CREATORS.length) {
        const i = next++;
        const c = DEMO_CREATORS[i];
        const account = await this.account(c.email, c.displayName, c.displayName, 'CREATOR', c.handle);
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
        creators[i] = { ...account, creatorId: id, name: c.displayName };
      }
    };
    await Promise.all(Array.from({ length: SIGN_UP_CONCURRENCY }, worker));
    return creators;
  }

  /** Waits for the workers to generate every pool's codes (drops hand them out). */
  private async generated(
    campaigns: Map<CampaignKey, { id: string; brand: DemoAccount }>,
    pools: Map<string, string>,
  ): Promise<number> {
    const deadline = Date.now() + POOL_GENERATION_TIMEOUT_MS;
    let total = 0;
    for (const p of DEMO_POOLS) {
      const brand = (campaigns.get(p.campaign) as { brand: DemoAccount }).brand;
      for (;;) {
        const pool = await this.pools.get(brand.actor, pools.get(p.key) as string);
        if (pool.generationStatus === JobStatus.DONE) {
          total += pool.generatedCount;
          break;
        }
        if (pool.generationStatus === JobStatus.FAILED || Date.now() > deadline)
          throw new Error(
            `Coupon pool "${p.name}" is ${pool.generationStatus} after ${POOL_GENERATION_TIMEOUT_MS / 1000} s: ` +
              'demo seeding needs a worker (ROLE=all, or a ROLE=worker process on the same Redis)',
          );
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    return total;
  }

  private scope(accounts: DemoAccount[]) {
    return {
      organizationIds: accounts.map((a) => a.organizationId),
      userIds: accounts.map((a) => a.userId),
    };
  }

  private async account(
    email: string,
    person: string,
    organizationName: string,
    kind: keyof typeof OrganizationKind,
    creatorHandle?: string,
  ): Promise<DemoAccount> {
    const session = await this.signUps.signUp({
      email,
      password: DEMO_PASSWORD,
      displayName: person,
      organizationName,
      organizationKind: OrganizationKind[kind],
      creatorHandle,
    });
    const [{ organization_id: organizationId }] = await this.uow.query<{ organization_id: string }[]>(
      `SELECT organization_id FROM memberships WHERE user_id = $1`,
      [session.user.id],
    );
    return {
      userId: session.user.id,
      organizationId,
      actor: {
        kind: 'user',
        userId: session.user.id,
        memberships: new Map([[organizationId, MembershipRole.OWNER]]),
      },
    };
  }
}
