import { computed, inject, Injectable, signal } from '@angular/core';
import { AuthStore } from '../auth/auth-store';
import type { MyOrganizationsQuery } from '../graphql/generated';
import { MyOrganizationsDocument } from './organizations.generated';
import { Graphql } from '../graphql/graphql';

export type Membership = MyOrganizationsQuery['me']['memberships'][number];
export type CurrentOrganization = Membership['organization'] & { role: Membership['role'] };

const CURRENT_KEY = 'bouquet.currentOrganization';

interface OrganizationState {
  loading: boolean;
  error: string | null;
  memberships: readonly Membership[];
  selectedId: string | null;
  /** The signed-in user the memberships were loaded for (undefined: never loaded). */
  userId: string | null | undefined;
}

/**
 * The organizations the user belongs to and the one they are working in. Provided by the `/app` route, so
 * the shell, the screens and the area guards share it; the memberships belong to the user they were loaded
 * for, and are dropped when another user signs in. The choice survives a reload (localStorage).
 */
@Injectable()
export class OrganizationStore {
  private readonly graphql = inject(Graphql);
  private readonly auth = inject(AuthStore);
  private loadingNow: Promise<void> | null = null;
  private readonly state = signal<OrganizationState>({
    loading: false,
    error: null,
    memberships: [],
    selectedId: readStored(),
    userId: undefined,
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly loaded = computed(() => !this.state().loading && this.state().error === null);
  readonly organizations = computed<readonly CurrentOrganization[]>(() =>
    this.state().memberships.map(({ organization, role }) => ({ ...organization, role })),
  );
  /** The selected organization, else the first one; null until loaded or when the user has none. */
  readonly current = computed<CurrentOrganization | null>(() => {
    const organizations = this.organizations();
    return organizations.find((org) => org.id === this.state().selectedId) ?? organizations[0] ?? null;
  });

  /** (Re)loads the memberships; a call while a load is under way shares it. */
  load(): Promise<void> {
    this.loadingNow ??= this.fetch().finally(() => (this.loadingNow = null));
    return this.loadingNow;
  }

  /** Loads the memberships unless they are already here for the signed-in user. */
  ensureLoaded(): Promise<void> {
    const { userId, error } = this.state();
    if (this.loadingNow || userId !== (this.auth.user()?.id ?? null) || error !== null) return this.load();
    return Promise.resolve();
  }

  private async fetch(): Promise<void> {
    const userId = this.auth.user()?.id ?? null;
    this.state.update((state) => ({
      ...state,
      loading: true,
      error: null,
      // Another user's organizations are never shown, not even while this user's load.
      memberships: state.userId === userId ? state.memberships : [],
      userId,
    }));
    try {
      const { me } = await this.graphql.query(MyOrganizationsDocument, {});
      this.state.update((state) => ({ ...state, loading: false, memberships: me.memberships }));
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  select(organizationId: string): void {
    this.state.update((state) => ({ ...state, selectedId: organizationId }));
    try {
      localStorage.setItem(CURRENT_KEY, organizationId);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }
}

function readStored(): string | null {
  try {
    return localStorage.getItem(CURRENT_KEY);
  } catch {
    return null;
  }
}
