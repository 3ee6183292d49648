import { Args, Float, ID, Int, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { CampaignsService } from '../campaigns/campaigns.service';
import { toCampaignType } from '../campaigns/graphql/campaign.resolver';
import { CampaignType } from '../campaigns/graphql/campaign.types';
import { CreatorsService } from '../creators/creators.service';
import { toCreatorType } from '../creators/graphql/creator.resolver';
import { DropQueries } from '../drops/drop-queries.service';
import { toDropType } from '../drops/graphql/drop.resolver';
import { IdentityLoaders } from '../identity/organizations/identity.loaders';
import type { Actor } from '../platform/auth/actor';
import { Ctx, CurrentActor } from '../platform/auth/current-actor.decorator';
import type { RequestContext } from '../platform/auth/request-context';
import { NotFoundError } from '../platform/errors';
import { PubSubService } from '../platform/pubsub/pubsub.service';
import { toStreamType } from '../streams/graphql/stream.resolver';
import { StreamsService } from '../streams/streams.service';
import { AnalyticsService, Bucket, BrandRow, Metrics, Spike } from './analytics.service';
import {
  AgencyOverviewType,
  CampaignMetricsType,
  CampaignReportType,
  GiftSpikeType,
  TimeBucketType,
} from './analytics.types';
import { streamTickTopic } from './stream-tick';

@Resolver()
export class AnalyticsResolver {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly streams: StreamsService,
    private readonly drops: DropQueries,
    private readonly campaigns: CampaignsService,
    private readonly creators: CreatorsService,
    private readonly identity: IdentityLoaders,
    private readonly pubsub: PubSubService,
  ) {}

  @Query(() => [TimeBucketType], { description: 'Per-bucket counts for one stream, oldest first.' })
  streamTimeline(
    @CurrentActor() actor: Actor,
    @Args('streamId', { type: () => ID }) streamId: string,
    @Args('bucketSeconds', { type: () => Int, nullable: true, defaultValue: 60 }) bucketSeconds: number,
  ): Promise<Bucket[]> {
    return this.analytics.timeline(actor, streamId, bucketSeconds ?? 60);
  }

  @Query(() => [GiftSpikeType], {
    description: "Stretches where gifting ran well above the stream's own baseline.",
  })
  async giftSpikes(
    @CurrentActor() actor: Actor,
    @Args('streamId', { type: () => ID, nullable: true }) streamId?: string,
    @Args('campaignId', { type: () => ID, nullable: true }) campaignId?: string,
    @Args('minFactor', { type: () => Float, nullable: true, defaultValue: 3.0 }) minFactor?: number,
  ): Promise<GiftSpikeType[]> {
    return this.toSpikes(await this.analytics.giftSpikes(actor, { streamId, campaignId }, minFactor ?? 3));
  }

  @Query(() => CampaignReportType)
  async campaignReport(
    @CurrentActor() actor: Actor,
    @Args('campaignId', { type: () => ID }) campaignId: string,
  ): Promise<CampaignReportType> {
    await this.analytics.requireCampaign(actor, campaignId);
    const [campaign] = await this.campaigns.byIds([campaignId]);
    if (!campaign) throw new NotFoundError('Campaign', campaignId);
    const [total, perCreator, perDrop, spikes] = await Promise.all([
      this.analytics.metrics([campaignId]),
      this.analytics.metrics([campaignId], true),
      this.analytics.byDrop(campaignId),
      this.analytics.campaignSpikes(campaignId, 3),
    ]);
    const creatorIds = [...perCreator.keys()].map((k) => k.split('|')[1]);
    const [creators, drops, spikeTypes] = await Promise.all([
      this.creators.byIds(creatorIds),
      this.drops.byIds(perDrop.map((d) => d.dropId)),
      this.toSpikes(spikes),
    ]);
    const creatorById = new Map(creators.map((c) => [c.id, c]));
    const dropById = new Map(drops.map((d) => [d.id, d]));
    return {
      campaign: toCampaignType(campaign),
      metrics: total.get(campaignId) as Metrics,
      byCreator: [...perCreator].flatMap(([k, metrics]) => {
        const creator = creatorById.get(k.split('|')[1]);
        return creator ? [{ creator: toCreatorType(creator), metrics }] : [];
      }),
      byDrop: perDrop.flatMap(({ dropId, ...rest }) => {
        const drop = dropById.get(dropId);
        return drop ? [{ drop: toDropType(drop), ...rest }] : [];
      }),
      spikes: spikeTypes,
    };
  }

  @Query(() => AgencyOverviewType)
  async agencyOverview(
    @CurrentActor() actor: Actor,
    @Ctx() ctx: RequestContext,
    @Args('agencyId', { type: () => ID }) agencyId: string,
    @Args('from', { type: () => Date, nullable: true }) from?: Date,
    @Args('to', { type: () => Date, nullable: true }) to?: Date,
  ): Promise<AgencyOverviewType> {
    const { brands, totals } = await this.analytics.agencyOverview(actor, agencyId, from, to);
    const orgs = this.identity.organization(ctx);
    const toRollup = async (row: BrandRow) => {
      const brand = await orgs.load(row.brandId);
      if (!brand) throw new NotFoundError('Organization', row.brandId);
      return { ...row, brand };
    };
    const agency = await orgs.load(agencyId);
    if (!agency) throw new NotFoundError('Organization', agencyId);
    return {
      agency,
      brands: await Promise.all(brands.map(toRollup)),
      totals: await Promise.all(totals.map(toRollup)),
    };
  }

  @Subscription(() => TimeBucketType, {
    resolve: (payload: { bucket: Bucket }) => ({ ...payload.bucket, at: new Date(payload.bucket.at) }),
  })
  async streamTick(@Args('streamId', { type: () => ID }) streamId: string, @CurrentActor() actor: Actor) {
    await this.analytics.requireStream(actor, streamId);
    return this.pubsub.asyncIterator(streamTickTopic(streamId));
  }

  private async toSpikes(spikes: Spike[]): Promise<GiftSpikeType[]> {
    if (spikes.length === 0) return [];
    const [streams, drops] = await Promise.all([
      this.streams.byIds([...new Set(spikes.map((s) => s.streamId))]),
      this.drops.byIds([...new Set(spikes.flatMap((s) => (s.nearDropId ? [s.nearDropId] : [])))]),
    ]);
    const streamById = new Map(streams.map((s) => [s.id, toStreamType(s)]));
    const dropById = new Map(drops.map((d) => [d.id, toDropType(d)]));
    return spikes.flatMap(({ streamId, nearDropId, ...spike }) => {
      const stream = streamById.get(streamId);
      if (!stream) return [];
      return [{ ...spike, stream, nearDrop: nearDropId ? (dropById.get(nearDropId) ?? null) : null }];
    });
  }
}

/** `Campaign.metrics`, batched per request. */
@Resolver(() => CampaignType)
export class CampaignMetricsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @ResolveField(() => CampaignMetricsType)
  async metrics(@Parent() campaign: CampaignType, @Ctx() ctx: RequestContext): Promise<Metrics> {
    const loader = ctx.loaders.get(
      'analytics.campaignMetrics',
      () =>
        new DataLoader<string, Metrics>(async (ids) => {
          const found = await this.analytics.metrics([...ids]);
          return ids.map((id) => found.get(id) ?? new NotFoundError('Campaign', id));
        }),
    );
    return loader.load(campaign.id);
  }
}
