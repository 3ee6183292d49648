import { computed, inject, Injectable, signal } from '@angular/core';
import type { AgencyCampaignReportQuery, ExportFieldsFragment } from '../../core/graphql/generated';
import { AgencyCampaignReportDocument, AgencyExportCampaignReportDocument } from './agency-report.generated';
import { Graphql } from '../../core/graphql/graphql';

export type CampaignReport = AgencyCampaignReportQuery['campaignReport'];
export type CreatorRow = CampaignReport['byCreator'][number];
export type DropRow = CampaignReport['byDrop'][number];

interface AgencyReportState {
  campaignId: string | null;
  loading: boolean;
  error: string | null;
  report: CampaignReport | null;
}

/** One campaign's report: headline metrics, results per creator and per drop, and gifting spikes. */
@Injectable()
export class AgencyReportStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<AgencyReportState>({
    campaignId: null,
    loading: false,
    error: null,
    report: null,
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly report = computed(() => this.state().report);
  /** Creators by attributed revenue, highest first. */
  readonly creators = computed(() =>
    [...(this.state().report?.byCreator ?? [])].sort(
      (a, b) => Number(b.metrics.attributedRevenue.amount) - Number(a.metrics.attributedRevenue.amount),
    ),
  );
  /** Drops, most recent first. */
  readonly drops = computed(() =>
    [...(this.state().report?.byDrop ?? [])].sort((a, b) =>
      (b.drop.openedAt ?? b.drop.scheduledAt ?? '').localeCompare(
        a.drop.openedAt ?? a.drop.scheduledAt ?? '',
      ),
    ),
  );

  /** Starts a CSV export of the report; the export button follows it to the file. */
  async exportReport(): Promise<ExportFieldsFragment> {
    const campaignId = this.state().campaignId;
    if (!campaignId) throw new Error('AgencyReportStore.exportReport before load');
    const { exportCampaignReport } = await this.graphql.mutate(AgencyExportCampaignReportDocument, {
      campaignId,
    });
    return exportCampaignReport;
  }

  async load(campaignId: string): Promise<void> {
    this.state.set({ campaignId, loading: true, error: null, report: null });
    try {
      const { campaignReport } = await this.graphql.query(AgencyCampaignReportDocument, { campaignId });
      if (this.state().campaignId !== campaignId) return;
      this.state.update((state) => ({ ...state, loading: false, report: campaignReport }));
    } catch (error) {
      if (this.state().campaignId !== campaignId) return;
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }
}
