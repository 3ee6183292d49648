import { Args, Float, ID, Int, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { toCampaignType } from '../campaigns/graphql/campaign.resolver';
import { CampaignType } from '../campaigns/graphql/campaign.types';
import { toCreatorType } from '../creators/graphql/creator.resolver';
import type { DropEntity } from '../drops/drop.entity';
import { DropQueries } from '../drops/drop-queries.service';
import { toDropType } from '../drops/graphql/drop.resolver';
import { IdentityLoaders } from '../identity/organizations/identity.loaders';
import type { Actor } from '../platform/auth/actor';
import { Ctx, CurrentActor } from '../platform/auth/current-actor.decorator';
import type { RequestContext } from '../platform/auth/request-context';
import { NotFoundError } from '../platform/errors';
import { PubSubService } from '../platform/pubsub/pubsub.service';
import { toStreamType } from '../streams/graphql/stream.resolver';
import type { StreamEntity } from '../streams/stream.entity';
import { StreamsService } from '../streams/streams.service';
import { AnalyticsService, Bucket, BrandRow, Metrics } from './analytics.service';
import {
  AgencyOverviewType,
  CampaignMetricsType,
  CampaignReportType,
  GiftSpikeType,
  TimeBucketType,
} from './analytics.types';
import type { Spike } from './spikes';
import { streamTickTopic } from './stream-tick';

@Resolver()
export class AnalyticsResolver {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly streams: StreamsService,
    private readonly drops: DropQueries,
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

  /**
   * Every part read once: the campaign row (with the agency grant that may open it: it decides
   * access), then together one metrics statement (total and per creator, with the creators), one
   * per-drop statement (the drop rows with their streams, the spikes' streams, and the live counts
   * of OPEN drops) and the spikes' 60 s buckets from the minute rollups. The total primes
   * `Campaign.metrics` and the live counts `Drop.claimedRoses`, so those fields cost nothing more.
   */
  @Query(() => CampaignReportType)
  async campaignReport(
    @CurrentActor() actor: Actor,
    @Ctx() ctx: RequestContext,
    @Args('campaignId', { type: () => ID }) campaignId: string,
  ): Promise<CampaignReportType> {
    const campaign = await this.analytics.readableCampaign(actor, campaignId);
    const perDrop = this.analytics.byDrop(campaignId);
    const [metrics, dropRows, spikes] = await Promise.all([
      this.analytics.campaignMetrics([campaignId], true),
      perDrop,
      this.analytics.campaignSpikes(campaignId, 3, perDrop),
    ]);
    const total = metrics.total.get(campaignId);
    if (!total) throw new NotFoundError('Campaign', campaignId);
    metricsLoader(ctx, this.analytics).prime(campaignId, total);
    const live = this.drops.liveLoader(ctx);
    for (const row of dropRows) if (row.live) live.prime(row.drop.id, row.live);
    return {
      campaign: toCampaignType(campaign),
      metrics: total,
      byCreator: metrics.byCreator.map(({ creator, metrics }) => ({
        creator: toCreatorType(creator),
        metrics,
      })),
      byDrop: dropRows.map(({ drop, claims, uniqueViewers, redemptions, attributedRevenue }) => ({
        drop: toDropType(drop),
        claims,
        uniqueViewers,
        redemptions,
        attributedRevenue,
      })),
      spikes: await this.toSpikes(
        spikes,
        new Map(dropRows.map((d) => [d.drop.id, d.drop])),
        new Map(dropRows.map((d) => [d.stream.id, d.stream])),
      ),
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

  /** Spikes with their streams and near drops (`known`, `knownStreams`: rows already read). */
  private async toSpikes(
    spikes: Spike[],
    known = new Map<string, DropEntity>(),
    knownStreams = new Map<string, StreamEntity>(),
  ): Promise<GiftSpikeType[]> {
    if (spikes.length === 0) return [];
    const missing = [...new Set(spikes.flatMap((s) => (s.nearDropId ? [s.nearDropId] : [])))].filter(
      (id) => !known.has(id),
    );
    const missingStreams = [...new Set(spikes.map((s) => s.streamId))].filter((id) => !knownStreams.has(id));
    const [streams, drops] = await Promise.all([
      missingStreams.length ? this.streams.byIds(missingStreams) : Promise.resolve([] as StreamEntity[]),
      missing.length ? this.drops.byIds(missing) : Promise.resolve([] as DropEntity[]),
    ]);
    drops.push(...known.values());
    streams.push(...knownStreams.values());
    const streamById = new Map(streams.map((s) => [s.id, toStreamType(s)]));
    const dropById = new Map(drops.map((d) => [d.id, toDropType(d)]));
    return spikes.flatMap(({ streamId, nearDropId, ...spike }) => {
      const stream = streamById.get(streamId);
      if (!stream) return [];
      return [{ ...spike, stream, nearDrop: nearDropId ? (dropById.get(nearDropId) ?? null) : null }];
    });
  }
}

/** Per-request batch loader of campaign metrics (`Campaign.metrics`; primed by `campaignReport`). */
function metricsLoader(ctx: RequestContext, analytics: AnalyticsService): DataLoader<string, Metrics> {
  return ctx.loaders.get(
    'analytics.campaignMetrics',
    () =>
      new DataLoader<string, Metrics>(async (ids) => {
        const found = await analytics.metrics([...ids]);
        return ids.map((id) => found.get(id) ?? new NotFoundError('Campaign', id));
      }),
  );
}

/** `Campaign.metrics`, batched per request. */
@Resolver(() => CampaignType)
export class CampaignMetricsResolver {
  constructor(private readonly analytics: AnalyticsService) {}

  @ResolveField(() => CampaignMetricsType)
  metrics(@Parent() campaign: CampaignType, @Ctx() ctx: RequestContext): Promise<Metrics> {
    return metricsLoader(ctx, this.analytics).load(campaign.id);
  }
}
