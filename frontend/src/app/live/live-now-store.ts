import { computed, inject, Injectable, signal } from '@angular/core';
import type { LiveNowQuery, LiveNowStreamFieldsFragment } from '../core/graphql/generated';
import { LiveNowDocument } from './live.generated';
import { Graphql } from '../core/graphql/graphql';
import type { CurrentOrganization } from '../core/organizations/organization-store';

export type LiveNowStream = LiveNowStreamFieldsFragment;

/** A stream worth watching, with the organization's drops in it (a creator's own streams list none). */
export interface WatchedStream {
  stream: LiveNowStream;
  drops: { count: number; roses: number; brands: string[] };
}

interface LiveNowState {
  organizationId: string | null;
  loading: boolean;
  error: string | null;
  live: readonly WatchedStream[];
  upcoming: readonly WatchedStream[];
}

type Drop = LiveNowQuery['drops']['nodes'][number];

/** Groups drops by their stream. */
function byStream(drops: readonly Drop[]): WatchedStream[] {
  const streams = new Map<string, WatchedStream>();
  for (const drop of drops) {
    const entry = streams.get(drop.stream.id) ?? {
      stream: drop.stream,
      drops: { count: 0, roses: 0, brands: [] },
    };
    entry.drops.count++;
    entry.drops.roses += drop.roseCount;
    if (!entry.drops.brands.includes(drop.campaign.brand.name))
      entry.drops.brands.push(drop.campaign.brand.name);
    streams.set(drop.stream.id, entry);
  }
  return [...streams.values()];
}

/**
 * The streams an organization would watch: a creator's own live and next streams; a brand's (or an
 * agency's brands') streams with drops in them, live now or coming up.
 */
@Injectable()
export class LiveNowStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<LiveNowState>({
    organizationId: null,
    loading: false,
    error: null,
    live: [],
    upcoming: [],
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly live = computed(() => this.state().live);
  readonly upcoming = computed(() => this.state().upcoming);

  async load(organization: Pick<CurrentOrganization, 'id' | 'kind'>): Promise<void> {
    const organizationId = organization.id;
    this.state.update((state) => ({ ...state, organizationId, loading: true, error: null }));
    try {
      const data = await this.graphql.query(LiveNowDocument, { organizationId });
      if (this.state().organizationId !== organizationId) return;
      let live: WatchedStream[];
      let upcoming: WatchedStream[];
      const creator = data.organization.creator;
      if (organization.kind === 'CREATOR' && creator) {
        const mine = data.drops.nodes.filter((d) => d.stream.creator.id === creator.id);
        const dropsOf = new Map(byStream(mine).map((w) => [w.stream.id, w.drops]));
        const watched = (stream: LiveNowStream): WatchedStream => ({
          stream,
          drops: dropsOf.get(stream.id) ?? { count: 0, roses: 0, brands: [] },
        });
        live = creator.live.nodes.map(watched);
        upcoming = creator.upcoming.nodes.map(watched);
      } else {
        const ours = data.drops.nodes.filter(
          (d) => organization.kind === 'AGENCY' || d.campaign.brand.id === organizationId,
        );
        const streams = byStream(ours.filter((d) => d.status !== 'CANCELLED'));
        live = streams.filter((w) => w.stream.status === 'LIVE');
        upcoming = streams
          .filter((w) => w.stream.status === 'SCHEDULED')
          .sort((a, b) => a.stream.scheduledStartAt.localeCompare(b.stream.scheduledStartAt));
      }
      this.state.update((state) => ({ ...state, loading: false, live, upcoming }));
    } catch (error) {
      if (this.state().organizationId !== organizationId) return;
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }
}
