import { Injectable, OnModuleInit } from '@nestjs/common';
import { CreatorsService } from '../creators/creators.service';
import type { CsvValue } from '../exports/csv';
import { ExportGrant, ExportParams, ExportRowSource, ExportSources } from '../exports/export-sources';
import type { Actor } from '../platform/auth/actor';
import { NotFoundError } from '../platform/errors';
import { AnalyticsService, Metrics } from './analytics.service';

export const CAMPAIGN_REPORT_EXPORT = 'CAMPAIGN_REPORT';

const HEADER = [
  'row_type',
  'creator',
  'drop_id',
  'stream',
  'drop_status',
  'roses_claimed',
  'claims',
  'unique_viewers',
  'redemptions',
  'revenue',
  'spend',
  'creator_fees',
  'drop_cost',
  'roi',
  'roas',
  'currency',
] as const;

/** The metric columns of a CAMPAIGN or CREATOR row (`roses_claimed` onwards). */
function metricCells(m: Metrics): CsvValue[] {
  return [
    m.rosesDropped,
    m.claims,
    m.uniqueViewers,
    m.redemptions,
    m.attributedRevenue.amount,
    m.spend.amount,
    m.creatorFees.amount,
    m.dropCost.amount,
    m.roi,
    m.roas,
    m.spend.currency,
  ];
}

/**
 * `campaignReport` as CSV: one CAMPAIGN line with the totals, one CREATOR line per creator (by
 * handle) and one DROP line per drop (oldest first), with the same numbers the query answers
 * (`metrics`, `byCreator`, `byDrop`). Spend, fees and ROI exist per campaign and creator only,
 * so DROP lines leave them empty. A campaign has a bounded number of creators and drops: the
 * report is read in one batch.
 */
@Injectable()
export class CampaignReportExport implements ExportRowSource, OnModuleInit {
  readonly kind = CAMPAIGN_REPORT_EXPORT;
  readonly header = HEADER;

  constructor(
    private readonly analytics: AnalyticsService,
    private readonly creators: CreatorsService,
    private readonly sources: ExportSources,
  ) {}

  onModuleInit(): void {
    this.sources.register(this);
  }

  /** Whoever may read the campaign's report may export it; the file belongs to the brand. */
  async authorize(actor: Actor, params: ExportParams): Promise<ExportGrant> {
    const campaign = await this.analytics.readableCampaign(actor, params.campaignId);
    return { ownerOrganizationId: campaign.brandId, fileStem: `campaign-report-${campaign.name}` };
  }

  async *batches(params: ExportParams): AsyncGenerator<CsvValue[][]> {
    yield await this.rows(params.campaignId);
  }

  async rows(campaignId: string): Promise<CsvValue[][]> {
    const [metrics, perDrop] = await Promise.all([
      this.analytics.campaignMetrics([campaignId], true),
      this.analytics.byDrop(campaignId),
    ]);
    const totals = metrics.total.get(campaignId);
    if (!totals) throw new NotFoundError('Campaign', campaignId);
    const known = new Set(metrics.byCreator.map((c) => c.creator.id));
    const others = [...new Set(perDrop.map((d) => d.drop.creatorId))].filter((id) => !known.has(id));
    const creators = others.length ? await this.creators.byIds(others) : [];
    const handle = new Map(
      [...metrics.byCreator.map((c) => c.creator), ...creators].map((c) => [c.id, c.handle]),
    );

    const out: CsvValue[][] = [['CAMPAIGN', null, null, null, null, ...metricCells(totals)]];
    const creatorLines = metrics.byCreator
      .map((c) => ({ handle: c.creator.handle, metrics: c.metrics }))
      .sort((a, b) => a.handle.localeCompare(b.handle));
    for (const c of creatorLines)
      out.push(['CREATOR', c.handle, null, null, null, ...metricCells(c.metrics)]);
    for (const { drop, stream, live, ...row } of perDrop) {
      // As `Drop.claimedRoses` answers: live from the shards while OPEN, settled afterwards.
      const claimedRoses = live ? drop.roseCount - live.left : drop.claimedRoses;
      out.push([
        'DROP',
        handle.get(drop.creatorId) ?? null,
        drop.id,
        stream.title,
        drop.status,
        claimedRoses,
        row.claims,
        row.uniqueViewers,
        row.redemptions,
        row.attributedRevenue.amount,
        null,
        null,
        null,
        null,
        null,
        row.attributedRevenue.currency,
      ]);
    }
    return out;
  }
}
