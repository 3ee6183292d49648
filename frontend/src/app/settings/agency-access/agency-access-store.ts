import { computed, inject, Injectable, signal } from '@angular/core';
import type { AgencyAccessQuery } from '../../core/graphql/generated';
import {
  AgencyAccessDocument,
  GrantAgencyAccessDocument,
  RevokeAgencyAccessDocument,
} from './agency-access.generated';
import { Graphql } from '../../core/graphql/graphql';

export type PartnerOrganization = AgencyAccessQuery['organization']['agencies'][number];

interface AgencyAccessState {
  organizationId: string | null;
  loading: boolean;
  error: string | null;
  /** For a brand: the agencies it granted access to. */
  agencies: readonly PartnerOrganization[];
  /** For an agency: the brands that granted it access. */
  brands: readonly PartnerOrganization[];
  revoking: readonly string[];
}

/** Which agencies may work on a brand's campaigns (and, seen from an agency, which brands it manages). */
@Injectable()
export class AgencyAccessStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<AgencyAccessState>({
    organizationId: null,
    loading: false,
    error: null,
    agencies: [],
    brands: [],
    revoking: [],
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly agencies = computed(() => this.state().agencies);
  readonly brands = computed(() => this.state().brands);
  readonly revoking = computed(() => new Set(this.state().revoking));

  async load(organizationId: string): Promise<void> {
    this.state.update((state) => ({ ...state, organizationId, loading: true, error: null }));
    try {
      const { organization } = await this.graphql.query(AgencyAccessDocument, { organizationId });
      this.state.update((state) => ({
        ...state,
        loading: false,
        agencies: organization.agencies,
        brands: organization.managedBrands,
      }));
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  /** Rejects with a GraphqlRequestError (e.g. an unknown agency id) for the form to show. */
  async grant(agencyId: string): Promise<PartnerOrganization> {
    const brandId = this.brandId();
    const { grantAgencyAccess } = await this.graphql.mutate(GrantAgencyAccessDocument, { brandId, agencyId });
    const agency = grantAgencyAccess.agency;
    this.state.update((state) => ({
      ...state,
      agencies: [...state.agencies.filter((other) => other.id !== agency.id), agency],
    }));
    return agency;
  }

  /** Rejects with a GraphqlRequestError when the API refuses. */
  async revoke(agencyId: string): Promise<void> {
    const brandId = this.brandId();
    this.state.update((state) => ({ ...state, revoking: [...state.revoking, agencyId] }));
    try {
      await this.graphql.mutate(RevokeAgencyAccessDocument, { brandId, agencyId });
      this.state.update((state) => ({
        ...state,
        agencies: state.agencies.filter((agency) => agency.id !== agencyId),
      }));
    } finally {
      this.state.update((state) => ({
        ...state,
        revoking: state.revoking.filter((other) => other !== agencyId),
      }));
    }
  }

  private brandId(): string {
    const id = this.state().organizationId;
    if (!id) throw new Error('AgencyAccessStore used before load');
    return id;
  }
}
