import { Dec, roundToCurrency } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import type { CampaignEntity } from '../campaigns/campaign.entity';
import { CREATOR_COLUMNS, CreatorEntity } from '../creators/creator.entity';
import { DROP_COLUMNS, DropLiveCounts } from '../drops/drop-queries.service';
import type { DropEntity } from '../drops/drop.entity';
import { STREAM_COLUMNS, StreamEntity } from '../streams/stream.entity';
import { AccessPolicy } from '../identity/access/access-policy.service';
import type { Actor } from '../platform/auth/actor';
import { ReplicaReads } from '../platform/database/replica-reads';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { BadUserInputError, NotFoundError } from '../platform/errors';
import type { MoneyType } from '../platform/graphql/money.types';
import { isUuid, requireUuid } from '../platform/validation/ids';
import { readableCampaign } from './campaign-access';
import { findSpikes, giftMinutes, NearCandidate, Spike, withNearDrops } from './spikes';
import { prefixed } from './sql-columns';

export type { Spike } from './spikes';

export const BUCKET_SIZES = [60, 300, 3600] as const;

export interface Bucket {
  at: Date;
  giftedRoses: number;
  viewers: number;
  claims: number;
  claimedRoses: number;
  redemptions: number;
}

export interface Metrics {
  spend: MoneyType;
  creatorFees: MoneyType;
  dropCost: MoneyType;
  rosesDropped: number;
  claims: number;
  uniqueViewers: number;
  giftedRoses: number;
  redemptions: number;
  attributedRevenue: MoneyType;
  roi: number | null;
  roas: number | null;
  costPerRedemption: MoneyType | null;
  claimConversion: number | null;
}

/** A drop of a campaign with its stream and its figures (`campaignReport.byDrop`). */
export interface DropRow {
  drop: DropEntity;
  stream: StreamEntity;
  /** Order of the opened drops of the campaign, latest opened first (by opened_at DESC, id). */
  openedRank: number;
  /** While the drop is OPEN, its live counts (what `Drop.claimedRoses` reads), else null. */
  live: DropLiveCounts | null;
  claims: number;
  uniqueViewers: number;
  redemptions: number;
  attributedRevenue: MoneyType;
}

/** Where and when a drop ran, with its rank among the campaign's opened drops. */
interface DropPlaceRow {
  drop_id: string;
  stream_id: string;
  opened_at: Date | null;
  closed_at: Date | null;
  opened_rank: number;
}

const BY_DROP_DROP = prefixed<DropEntity>(DROP_COLUMNS, 'drop.');
const BY_DROP_STREAM = prefixed<StreamEntity>(STREAM_COLUMNS, 'stream.');

const OPENED_RANK = `(row_number() OVER (ORDER BY d.opened_at DESC, d.id))::int AS opened_rank`;

/** The campaign's drops that opened, latest opened first: those a spike may be near. */
function nearCandidates(
  drops: { openedRank: number; drop: Pick<DropEntity, 'id' | 'streamId' | 'openedAt' | 'closedAt'> }[],
): NearCandidate[] {
  return drops
    .filter((d) => d.drop.openedAt !== null)
    .sort((a, b) => a.openedRank - b.openedRank)
    .map(({ drop }) => ({
      id: drop.id,
      streamId: drop.streamId,
      openedAt: new Date(drop.openedAt as Date),
      closedAt: drop.closedAt === null ? null : new Date(drop.closedAt),
    }));
}

export interface BrandRow {
  brandId: string;
  currency: string;
  activeCampaigns: number;
  spend: MoneyType;
  attributedRevenue: MoneyType;
  roi: number | null;
}

export interface CreatorMetrics {
  campaignId: string;
  creator: CreatorEntity;
  metrics: Metrics;
}

/** The columns of a metrics row; the others of a per-creator row are the creator's. */
const METRIC_COLUMNS = new Set([
  'campaign_id',
  'creator_id',
  'is_total',
  'currency',
  'fees',
  'drop_cost',
  'roses_dropped',
  'claims',
  'gifted',
  'redemptions',
  'revenue',
  'viewers',
]);

/** The entity made of some columns of a row that joined it. */
function pickColumns<T>(row: object, keep: (column: string) => boolean): T {
  return Object.fromEntries(Object.entries(row).filter(([column]) => keep(column))) as T;
}

interface RawMetrics {
  campaign_id: string;
  creator_id: string | null;
  currency: string;
  fees: string;
  drop_cost: string;
  roses_dropped: string;
  claims: string;
  gifted: string;
  redemptions: string;
  revenue: string;
}

type Decimal = InstanceType<typeof Dec>;

const money = (amount: Decimal | string | number, currency: string): MoneyType => ({
  amount: roundToCurrency(new Dec(amount).toFixed(), currency),
  currency,
});
const ratio = (a: Decimal, b: Decimal): number | null => (b.isZero() ? null : a.div(b).toNumber());

/**
 * Reads of the rollups, each a bounded number of SQL statements whatever the data size. Access is
 * decided on the primary (`uow`); the figures then come from the read replica when one is
 * configured (`reads`, see ReplicaReads). The agency overview reads the primary: its grants decide
 * which brands' figures it sums.
 */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly reads: ReplicaReads,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * Organizations that may read a stream's analytics: the creator's, and the brands of campaigns
   * with a drop on the stream or an accepted offer with its creator (agencies through their grants).
   */
  async requireStream(actor: Actor, streamId: string): Promise<void> {
    if (!isUuid(streamId)) throw new NotFoundError('Stream', streamId);
    const rows = await this.uow.query<{ org: string }[]>(
      `SELECT c.organization_id AS org FROM streams s JOIN creators c ON c.id = s.creator_id WHERE s.id = $1
       UNION SELECT ca.brand_id FROM drops d JOIN campaigns ca ON ca.id = d.campaign_id WHERE d.stream_id = $1
       UNION SELECT ca.brand_id FROM streams s
               JOIN offers o ON o.creator_id = s.creator_id AND o.status = 'ACCEPTED'
               JOIN campaigns ca ON ca.id = o.campaign_id
              WHERE s.id = $1`,
      [streamId],
    );
    const mine = new Set(await this.access.organizationIds(actor, 'read'));
    if (!rows.some((r) => mine.has(r.org))) throw new NotFoundError('Stream', streamId);
  }

  async requireCampaign(actor: Actor, campaignId: string): Promise<void> {
    requireUuid(campaignId, 'Campaign');
    await this.access.require(actor, 'campaign', [campaignId], 'read');
  }

  /**
   * The campaign, if the actor may read it: the same rule as `requireCampaign` (a campaign belongs
   * to its brand) decided on the campaign row itself, in one statement (see `campaign-access.ts`).
   */
  readableCampaign(actor: Actor, campaignId: string): Promise<CampaignEntity> {
    return readableCampaign(this.uow, actor, campaignId);
  }

  async timeline(actor: Actor, streamId: string, bucketSeconds: number): Promise<Bucket[]> {
    if (!(BUCKET_SIZES as readonly number[]).includes(bucketSeconds))
      throw BadUserInputError.field(
        'bucketSeconds',
        `bucketSeconds must be one of ${BUCKET_SIZES.join(', ')}`,
      );
    await this.requireStream(actor, streamId);
    return (await this.buckets([streamId], bucketSeconds)).get(streamId) ?? [];
  }

  /**
   * Buckets of each stream over its air time: from its start (or first gift, claim or viewer) to its
   * end (or now), stretched to any later minute with gifts, claims or viewers, empty ones filled.
   * A minute with only redemptions (a code used after the stream) does not stretch it: redemptions
   * after the end count in the campaign's metrics, not on the stream's timeline.
   * For buckets over 60 s, `viewers` is the largest per-minute distinct count in the bucket.
   */
  async buckets(streamIds: string[], bucketSeconds: number): Promise<Map<string, Bucket[]>> {
    const rows = await this.reads.query<
      {
        stream_id: string;
        at: Date;
        roses: number;
        viewers: number;
        claims: number;
        claimed: number;
        redemptions: number;
      }[]
    >(
      `WITH r AS (
         SELECT stream_id, min(minute) AS first, max(minute) AS last FROM stream_minute_rollups
          WHERE stream_id = ANY($1) AND (gifted_roses > 0 OR claims > 0 OR viewers > 0) GROUP BY stream_id),
       span AS (
         SELECT s.id,
                to_timestamp(floor(extract(epoch FROM LEAST(s.started_at, r.first)) / $2) * $2) AS lo,
                GREATEST(COALESCE(s.ended_at, now()), r.last) AS hi
           FROM streams s LEFT JOIN r ON r.stream_id = s.id
          WHERE s.id = ANY($1) AND COALESCE(s.started_at, r.first) IS NOT NULL),
       series AS (
         SELECT span.id AS stream_id, g AS at FROM span,
                generate_series(span.lo, span.hi, make_interval(secs => $2)) AS g),
       agg AS (
         SELECT stream_id, to_timestamp(floor(extract(epoch FROM minute) / $2) * $2) AS at,
                sum(gifted_roses) AS roses, max(viewers) AS viewers, sum(claims) AS claims,
                sum(claimed_roses) AS claimed, sum(redemptions) AS redemptions
           FROM stream_minute_rollups WHERE stream_id = ANY($1) GROUP BY 1, 2)
       SELECT series.stream_id, series.at, COALESCE(agg.roses, 0)::int AS roses,
              COALESCE(agg.viewers, 0)::int AS viewers, COALESCE(agg.claims, 0)::int AS claims,
              COALESCE(agg.claimed, 0)::int AS claimed, COALESCE(agg.redemptions, 0)::int AS redemptions
         FROM series LEFT JOIN agg ON agg.stream_id = series.stream_id AND agg.at = series.at
        ORDER BY series.stream_id, series.at`,
      [streamIds, bucketSeconds],
    );
    const out = new Map<string, Bucket[]>();
    for (const row of rows) {
      const list = out.get(row.stream_id) ?? [];
      list.push({
        at: new Date(row.at),
        giftedRoses: row.roses,
        viewers: row.viewers,
        claims: row.claims,
        claimedRoses: row.claimed,
        redemptions: row.redemptions,
      });
      out.set(row.stream_id, list);
    }
    return out;
  }

  async giftSpikes(
    actor: Actor,
    target: { streamId?: string | null; campaignId?: string | null },
    minFactor: number,
  ): Promise<Spike[]> {
    if (!Number.isFinite(minFactor) || minFactor <= 0)
      throw BadUserInputError.field('minFactor', 'minFactor must be a positive number');
    if (!!target.streamId === !!target.campaignId)
      throw BadUserInputError.field('streamId', 'give exactly one of streamId and campaignId');
    if (target.streamId) {
      const streamId = target.streamId;
      await this.requireStream(actor, streamId);
      const found = await this.findSpikes({ streamIds: [streamId] }, minFactor);
      if (found.length === 0) return [];
      // Near drops: only those the actor may see (the creator sees all; a brand its own campaigns').
      const orgs = await this.access.organizationIds(actor, 'read');
      return withNearDrops(found, await this.visibleCandidates([streamId], orgs));
    }
    const campaignId = target.campaignId as string;
    await this.requireCampaign(actor, campaignId);
    return this.campaignSpikes(campaignId, minFactor);
  }

  /**
   * Spikes on the streams of a campaign's drops, near drops among its own. `drops` (the campaign's
   * `byDrop` rows, when read alongside) spares reading the drops again; the spikes' statement does
   * not wait for them.
   */
  async campaignSpikes(campaignId: string, minFactor: number, drops?: Promise<DropRow[]>): Promise<Spike[]> {
    const found = await this.findSpikes({ campaignId }, minFactor);
    if (found.length === 0) return [];
    return withNearDrops(found, nearCandidates(drops ? await drops : await this.dropPlaces(campaignId)));
  }

  /** Spikes of streams from their minute rollups (one statement), without their near drops. */
  private async findSpikes(
    streams: { streamIds: string[] } | { campaignId: string },
    minFactor: number,
  ): Promise<Omit<Spike, 'nearDropId'>[]> {
    return (await giftMinutes(this.reads, streams)).flatMap((series) => findSpikes(series, minFactor));
  }

  /** Where and when each drop of a campaign ran. */
  private async dropPlaces(campaignId: string) {
    const rows = await this.reads.query<DropPlaceRow[]>(
      `SELECT d.id AS drop_id, d.stream_id, d.opened_at, d.closed_at, ${OPENED_RANK}
         FROM drops d WHERE d.campaign_id = $1`,
      [campaignId],
    );
    return rows.map((d) => ({
      openedRank: d.opened_rank,
      drop: { id: d.drop_id, streamId: d.stream_id, openedAt: d.opened_at, closedAt: d.closed_at },
    }));
  }

  /** Drops on the streams the organizations may see (their campaigns' or their creators'), latest opened first. */
  private async visibleCandidates(streamIds: string[], orgs: string[]): Promise<NearCandidate[]> {
    const rows = await this.reads.query<
      { id: string; stream_id: string; opened_at: Date; closed_at: Date | null }[]
    >(
      `SELECT d.id, d.stream_id, d.opened_at, d.closed_at
         FROM drops d JOIN campaigns ca ON ca.id = d.campaign_id JOIN creators cr ON cr.id = d.creator_id
        WHERE d.stream_id = ANY($1) AND d.opened_at IS NOT NULL
          AND (ca.brand_id = ANY($2) OR cr.organization_id = ANY($2))
        ORDER BY d.opened_at DESC, d.id`,
      [streamIds, orgs],
    );
    return rows.map((d) => ({
      id: d.id,
      streamId: d.stream_id,
      openedAt: new Date(d.opened_at),
      closedAt: d.closed_at === null ? null : new Date(d.closed_at),
    }));
  }

  /** Metrics of campaigns, in one statement for any number of campaigns. */
  async metrics(campaignIds: string[]): Promise<Map<string, Metrics>> {
    return (await this.campaignMetrics(campaignIds, false)).total;
  }

  /**
   * Metrics of campaigns and, when `byCreator`, of each creator in them with the creator's row,
   * all in one statement: the per-campaign and per-creator sums are grouping sets of one pass.
   * A campaign without any activity still has its (zero) total.
   */
  async campaignMetrics(
    campaignIds: string[],
    byCreator: boolean,
  ): Promise<{ total: Map<string, Metrics>; byCreator: CreatorMetrics[] }> {
    const ids = campaignIds.filter(isUuid);
    const total = new Map<string, Metrics>();
    const perCreator: CreatorMetrics[] = [];
    if (ids.length === 0) return { total, byCreator: perCreator };
    const sets = byCreator
      ? 'GROUPING SETS ((ca.id, ca.currency), (ca.id, ca.currency, x.creator_id))'
      : 'ca.id, ca.currency';
    const grouped = `SELECT ca.id AS campaign_id, ${byCreator ? 'x.creator_id' : 'NULL::uuid AS creator_id'},
                ${byCreator ? 'GROUPING(x.creator_id) = 1' : 'true'} AS is_total, ca.currency,
                sum(x.fees)::text AS fees, sum(x.drop_cost)::text AS drop_cost,
                sum(x.roses_dropped)::text AS roses_dropped, sum(x.claims)::text AS claims,
                sum(x.gifted)::text AS gifted, sum(x.redemptions)::text AS redemptions,
                sum(x.revenue)::text AS revenue, count(DISTINCT x.viewer_id)::int AS viewers
           FROM campaigns ca LEFT JOIN (
             SELECT l.campaign_id, COALESCE(o.creator_id, d.creator_id) AS creator_id,
                    CASE WHEN l.ref_type = 'offer' THEN l.amount ELSE 0 END AS fees,
                    CASE WHEN l.ref_type = 'drop' THEN l.amount ELSE 0 END AS drop_cost,
                    0 AS roses_dropped, 0 AS claims, 0 AS gifted, 0 AS redemptions, 0 AS revenue,
                    NULL::text AS viewer_id
               FROM ledger_entries l
               LEFT JOIN offers o ON l.ref_type = 'offer' AND o.id::text = l.ref_id
               LEFT JOIN drops d ON l.ref_type = 'drop' AND d.id::text = l.ref_id
              WHERE l.campaign_id = ANY($1) AND l.kind = 'COMMIT' AND l.ref_type IN ('offer', 'drop')
             UNION ALL
             SELECT d.campaign_id, d.creator_id, 0, 0, cl.roses, 1, 0, 0, 0, cl.viewer_id::text
               FROM drops d JOIN drop_claims cl ON cl.drop_id = d.id
              WHERE d.campaign_id = ANY($1)
             UNION ALL
             SELECT r.campaign_id, r.creator_id, 0, 0, 0, 0, 0, count(*), sum(r.order_amount), NULL
               FROM redemptions r WHERE r.campaign_id = ANY($1) AND r.status = 'SUCCEEDED' GROUP BY 1, 2
             UNION ALL
             SELECT cs.campaign_id, s.creator_id, 0, 0, 0, 0, sum(m.gifted_roses), 0, 0, NULL
               FROM (SELECT DISTINCT campaign_id, stream_id FROM drops WHERE campaign_id = ANY($1)) cs
               JOIN streams s ON s.id = cs.stream_id
               JOIN stream_minute_rollups m ON m.stream_id = cs.stream_id
              GROUP BY 1, 2
           ) x ON x.campaign_id = ca.id
          WHERE ca.id = ANY($1)
          GROUP BY ${sets}`;
    type Row = RawMetrics & { is_total: boolean; viewers: number; id: string | null };
    const statement = byCreator
      ? `SELECT m.*, ${CREATOR_COLUMNS} FROM (${grouped}) m
             LEFT JOIN creators c ON NOT m.is_total AND c.id = m.creator_id
            ORDER BY m.campaign_id, m.is_total DESC, m.creator_id`
      : grouped;
    let rows = await this.reads.query<Row[]>(statement, [ids]);
    // A campaign the replica does not have yet (created within its lag) is read from the primary.
    const known = new Set(rows.filter((r) => r.is_total).map((r) => r.campaign_id));
    const lagging = ids.filter((id) => !known.has(id));
    if (lagging.length && this.reads.configured)
      rows = rows.concat(await this.uow.query<Row[]>(statement, [lagging]));
    for (const row of rows) {
      if (row.is_total) total.set(row.campaign_id, this.toMetrics(row, row.viewers));
      else if (row.creator_id && row.id) {
        const creator = pickColumns<CreatorEntity>(row, (column) => !METRIC_COLUMNS.has(column));
        perCreator.push({ campaignId: row.campaign_id, creator, metrics: this.toMetrics(row, row.viewers) });
      }
    }
    return { total, byCreator: perCreator };
  }

  private toMetrics(row: RawMetrics, uniqueViewers: number): Metrics {
    const cur = row.currency.trim();
    const fees = new Dec(row.fees ?? 0);
    const dropCost = new Dec(row.drop_cost ?? 0);
    const spend = fees.plus(dropCost);
    const revenue = new Dec(row.revenue ?? 0);
    const redemptions = Number(row.redemptions ?? 0);
    const claims = Number(row.claims ?? 0);
    return {
      spend: money(spend, cur),
      creatorFees: money(fees, cur),
      dropCost: money(dropCost, cur),
      rosesDropped: Number(row.roses_dropped ?? 0),
      claims,
      uniqueViewers,
      giftedRoses: Number(row.gifted ?? 0),
      redemptions,
      attributedRevenue: money(revenue, cur),
      roi: ratio(revenue.minus(spend), spend),
      roas: ratio(revenue, spend),
      costPerRedemption: redemptions === 0 ? null : money(spend.div(redemptions), cur),
      claimConversion: claims === 0 ? null : redemptions / claims,
    };
  }

  /**
   * Per drop of a campaign (oldest first), in one statement: the drop row, its stream, its live
   * counts while OPEN, and its figures: claims, distinct claiming viewers, SUCCEEDED redemptions
   * and their revenue.
   */
  async byDrop(campaignId: string): Promise<DropRow[]> {
    const rows = await this.reads.query<
      {
        opened_rank: number;
        currency: string;
        claims: number;
        viewers: number;
        redemptions: number;
        revenue: string;
        live_left: number | null;
      }[]
    >(
      `SELECT ${BY_DROP_DROP.sql}, ${BY_DROP_STREAM.sql}, ${OPENED_RANK}, c.currency,
              COALESCE(cl.claims, 0)::int AS claims, COALESCE(cl.viewers, 0)::int AS viewers,
              COALESCE(r.redemptions, 0)::int AS redemptions, COALESCE(r.revenue, 0)::text AS revenue,
              CASE WHEN d.status = 'OPEN'
                   THEN (SELECT COALESCE(sum(sh.remaining), 0)::int FROM drop_shards sh WHERE sh.drop_id = d.id)
              END AS live_left
         FROM drops d JOIN campaigns c ON c.id = d.campaign_id JOIN streams s ON s.id = d.stream_id
         LEFT JOIN (SELECT drop_id, count(*) AS claims, count(DISTINCT viewer_id) AS viewers
                      FROM drop_claims WHERE drop_id IN (SELECT id FROM drops WHERE campaign_id = $1)
                     GROUP BY drop_id) cl ON cl.drop_id = d.id
         LEFT JOIN (SELECT drop_id, count(*) AS redemptions, sum(order_amount) AS revenue
                      FROM redemptions WHERE campaign_id = $1 AND status = 'SUCCEEDED' AND drop_id IS NOT NULL
                     GROUP BY drop_id) r ON r.drop_id = d.id
        WHERE d.campaign_id = $1
        ORDER BY d.created_at, d.id`,
      [campaignId],
    );
    return rows.map((r) => ({
      drop: BY_DROP_DROP.pick(r),
      stream: BY_DROP_STREAM.pick(r),
      openedRank: r.opened_rank,
      live: r.live_left === null ? null : { left: r.live_left, claims: r.claims },
      claims: r.claims,
      uniqueViewers: r.viewers,
      redemptions: r.redemptions,
      attributedRevenue: money(r.revenue, r.currency.trim()),
    }));
  }

  /**
   * One row per (brand that granted the agency, currency): ACTIVE campaigns, spend committed and
   * revenue redeemed within [from, to). Only members of the agency may ask.
   */
  async agencyOverview(
    actor: Actor,
    agencyId: string,
    from?: Date | null,
    to?: Date | null,
  ): Promise<{ brands: BrandRow[]; totals: BrandRow[] }> {
    if (!isUuid(agencyId)) throw new NotFoundError('Organization', agencyId);
    if (actor.kind !== 'user' || !actor.memberships.has(agencyId))
      throw new NotFoundError('Organization', agencyId);
    const [agency] = await this.uow.query<{ kind: string }[]>(
      `SELECT kind FROM organizations WHERE id = $1`,
      [agencyId],
    );
    if (!agency || agency.kind !== 'AGENCY') throw new NotFoundError('Organization', agencyId);
    if (from && to && from >= to) throw BadUserInputError.field('to', 'to must be after from');
    const rows = await this.uow.query<
      { brand_id: string; currency: string; active: number; spend: string; revenue: string }[]
    >(
      `SELECT g.brand_id, c.currency, count(*) FILTER (WHERE c.status = 'ACTIVE')::int AS active,
              COALESCE(sum(l.spend), 0)::text AS spend, COALESCE(sum(r.revenue), 0)::text AS revenue
         FROM agency_grants g
         JOIN campaigns c ON c.brand_id = g.brand_id
         LEFT JOIN LATERAL (
           SELECT sum(amount) AS spend FROM ledger_entries
            WHERE campaign_id = c.id AND kind = 'COMMIT' AND ref_type IN ('offer', 'drop')
              AND ($2::timestamptz IS NULL OR created_at >= $2) AND ($3::timestamptz IS NULL OR created_at < $3)) l ON true
         LEFT JOIN LATERAL (
           SELECT sum(order_amount) AS revenue FROM redemptions
            WHERE campaign_id = c.id AND status = 'SUCCEEDED'
              AND ($2::timestamptz IS NULL OR redeemed_at >= $2) AND ($3::timestamptz IS NULL OR redeemed_at < $3)) r ON true
        WHERE g.agency_id = $1
        GROUP BY g.brand_id, c.currency
        ORDER BY g.brand_id, c.currency`,
      [agencyId, from ?? null, to ?? null],
    );
    const toRow = (
      brandId: string,
      currency: string,
      active: number,
      spend: Decimal,
      revenue: Decimal,
    ): BrandRow => ({
      brandId,
      currency,
      activeCampaigns: active,
      spend: money(spend, currency),
      attributedRevenue: money(revenue, currency),
      roi: ratio(revenue.minus(spend), spend),
    });
    const brands = rows.map((r) =>
      toRow(r.brand_id, r.currency.trim(), r.active, new Dec(r.spend), new Dec(r.revenue)),
    );
    const perCurrency = new Map<string, { active: number; spend: Decimal; revenue: Decimal }>();
    for (const r of rows) {
      const cur = r.currency.trim();
      const t = perCurrency.get(cur) ?? { active: 0, spend: new Dec(0), revenue: new Dec(0) };
      perCurrency.set(cur, {
        active: t.active + r.active,
        spend: t.spend.plus(r.spend),
        revenue: t.revenue.plus(r.revenue),
      });
    }
    const totals = [...perCurrency]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([cur, t]) => toRow(agencyId, cur, t.active, t.spend, t.revenue));
    return { brands, totals };
  }
}
