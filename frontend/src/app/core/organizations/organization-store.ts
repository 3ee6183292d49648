import { computed, inject, Injectable, signal } from '@angular/core';
import { MyOrganizationsDocument, type MyOrganizationsQuery } from '../graphql/generated';
import { Graphql } from '../graphql/graphql';

export type Membership = MyOrganizationsQuery['me']['memberships'][number];
export type CurrentOrganization = Membership['organization'] & { role: Membership['role'] };

const CURRENT_KEY = 'bouquet.currentOrganization';

interface OrganizationState {
  loading: boolean;
  error: string | null;
  memberships: readonly Membership[];
  selectedId: string | null;
}

/**
 * The organizations the user belongs to and the one they are working in. Provided by the signed-in shell,
 * so it starts empty for each session. The choice survives a reload (localStorage).
 */
@Injectable()
export class OrganizationStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<OrganizationState>({
    loading: false,
    error: null,
    memberships: [],
    selectedId: readStored(),
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

  async load(): Promise<void> {
    this.state.update((state) => ({ ...state, loading: true, error: null }));
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
