import { computed, effect, inject, Injectable, signal, untracked } from '@angular/core';
import type { CreatorProfileOfOrganizationQuery } from '../core/graphql/generated';
import { CreatorProfileOfOrganizationDocument } from './creator.generated';
import { Graphql } from '../core/graphql/graphql';
import { type CurrentOrganization, OrganizationStore } from '../core/organizations/organization-store';

export type CreatorProfile = NonNullable<CreatorProfileOfOrganizationQuery['organization']['creator']>;

interface CreatorContextState {
  organizationId: string | null;
  role: CurrentOrganization['role'] | null;
  loading: boolean;
  error: string | null;
  creator: CreatorProfile | null;
}

/**
 * The creator profile of the organization the user works in, loaded once for the creator area (the area's
 * routes provide it), so every creator screen filters by the same creator id. Screens get it through
 * `injectCreatorContext()`, which follows the organization switcher.
 */
@Injectable()
export class CreatorContext {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<CreatorContextState>({
    organizationId: null,
    role: null,
    loading: false,
    error: null,
    creator: null,
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly creator = computed(() => this.state().creator);
  readonly creatorId = computed(() => this.state().creator?.id ?? null);
  /** Viewers of the creator team look; managers and owners act. */
  readonly canAct = computed(() => this.state().role === 'OWNER' || this.state().role === 'MANAGER');

  /** Works for this creator organization: loads its profile unless it is loaded or loading already. */
  use(organization: Pick<CurrentOrganization, 'id' | 'role'>): void {
    const state = this.state();
    if (state.organizationId === organization.id && (state.loading || state.creator)) {
      if (state.role !== organization.role) this.state.update((s) => ({ ...s, role: organization.role }));
      return;
    }
    this.state.set({
      organizationId: organization.id,
      role: organization.role,
      loading: true,
      error: null,
      creator: null,
    });
    void this.fetch(organization.id);
  }

  retry(): void {
    const { organizationId, role } = this.state();
    if (!organizationId || !role) return;
    this.state.update((state) => ({ ...state, loading: true, error: null }));
    void this.fetch(organizationId);
  }

  private async fetch(organizationId: string): Promise<void> {
    try {
      const { organization } = await this.graphql.query(CreatorProfileOfOrganizationDocument, {
        organizationId,
      });
      if (this.state().organizationId !== organizationId) return;
      this.state.update((state) => ({
        ...state,
        loading: false,
        creator: organization.creator,
        error: organization.creator ? null : 'This organization has no creator profile.',
      }));
    } catch (error) {
      if (this.state().organizationId !== organizationId) return;
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }
}

/**
 * For a creator screen (in an injection context): the area's CreatorContext, kept on the organization the
 * user works in: the screen links the two, as the user can switch organization while the area stays.
 */
export function injectCreatorContext(): CreatorContext {
  const context = inject(CreatorContext);
  const organizations = inject(OrganizationStore);
  effect(() => {
    const org = organizations.current();
    if (org?.kind === 'CREATOR') untracked(() => context.use(org));
  });
  return context;
}
