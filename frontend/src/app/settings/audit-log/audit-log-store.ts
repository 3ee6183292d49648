import { computed, inject, Injectable, signal } from '@angular/core';
import type { AuditLogQuery } from '../../core/graphql/generated';
import { AuditLogDocument } from './audit-log.generated';
import { Graphql } from '../../core/graphql/graphql';

export type AuditEntry = AuditLogQuery['auditLog']['nodes'][number];

export const AUDIT_PAGE_SIZE = 25;

interface AuditLogState {
  organizationId: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  entries: readonly AuditEntry[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

const EMPTY: AuditLogState = {
  organizationId: null,
  loading: false,
  loadingMore: false,
  error: null,
  entries: [],
  totalCount: 0,
  endCursor: null,
  hasNextPage: false,
};

/** Who did what in an organization, newest first, a page at a time (cursor pagination). */
@Injectable()
export class AuditLogStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<AuditLogState>(EMPTY);

  readonly loading = computed(() => this.state().loading);
  readonly loadingMore = computed(() => this.state().loadingMore);
  readonly error = computed(() => this.state().error);
  readonly entries = computed(() => this.state().entries);
  readonly totalCount = computed(() => this.state().totalCount);
  readonly hasNextPage = computed(() => this.state().hasNextPage);

  async load(organizationId: string): Promise<void> {
    this.state.set({ ...EMPTY, organizationId, loading: true });
    await this.fetch(organizationId, null);
  }

  async loadMore(): Promise<void> {
    const { organizationId, endCursor, hasNextPage, loadingMore } = this.state();
    if (!organizationId || !hasNextPage || loadingMore) return;
    this.state.update((state) => ({ ...state, loadingMore: true, error: null }));
    await this.fetch(organizationId, endCursor);
  }

  private async fetch(organizationId: string, after: string | null): Promise<void> {
    try {
      const { auditLog } = await this.graphql.query(AuditLogDocument, {
        organizationId,
        first: AUDIT_PAGE_SIZE,
        after,
      });
      if (this.state().organizationId !== organizationId) return; // the user switched organization meanwhile
      this.state.update((state) => ({
        ...state,
        loading: false,
        loadingMore: false,
        entries: [...state.entries, ...auditLog.nodes],
        totalCount: auditLog.totalCount,
        endCursor: auditLog.pageInfo.endCursor,
        hasNextPage: auditLog.pageInfo.hasNextPage,
      }));
    } catch (error) {
      this.state.update((state) => ({
        ...state,
        loading: false,
        loadingMore: false,
        error: (error as Error).message,
      }));
    }
  }
}
