import { computed, inject, Injectable, signal } from '@angular/core';
import type { ApiKeyFieldsFragment, ApiScope } from '../../core/graphql/generated';
import { ApiKeysDocument, CreateApiKeyDocument, RevokeApiKeyDocument } from './api-keys.generated';
import { Graphql } from '../../core/graphql/graphql';

export type ApiKey = ApiKeyFieldsFragment;

interface ApiKeysState {
  organizationId: string | null;
  loading: boolean;
  error: string | null;
  keys: readonly ApiKey[];
  /** Ids of keys being revoked. */
  revoking: readonly string[];
}

/** The API keys of one organization. The secret of a new key is returned to the caller, never kept here. */
@Injectable()
export class ApiKeysStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<ApiKeysState>({
    organizationId: null,
    loading: false,
    error: null,
    keys: [],
    revoking: [],
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  /** Active keys first, newest first. */
  readonly keys = computed(() =>
    [...this.state().keys].sort(
      (a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || b.createdAt.localeCompare(a.createdAt),
    ),
  );
  readonly revoking = computed(() => new Set(this.state().revoking));

  async load(organizationId: string): Promise<void> {
    this.state.update((state) => ({ ...state, organizationId, loading: true, error: null }));
    try {
      const { apiKeys } = await this.graphql.query(ApiKeysDocument, { organizationId });
      this.state.update((state) => ({ ...state, loading: false, keys: apiKeys }));
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  /** Creates a key and resolves with its secret; rejects with a GraphqlRequestError for the form to show. */
  async create(name: string, scopes: readonly ApiScope[]): Promise<string> {
    const organizationId = this.state().organizationId;
    if (!organizationId) throw new Error('ApiKeysStore.create before load');
    const { createApiKey } = await this.graphql.mutate(CreateApiKeyDocument, {
      organizationId,
      name,
      scopes: [...scopes],
    });
    this.state.update((state) => ({ ...state, keys: [createApiKey.apiKey, ...state.keys] }));
    return createApiKey.secret;
  }

  /** Rejects with a GraphqlRequestError when the API refuses. */
  async revoke(id: string): Promise<void> {
    this.state.update((state) => ({ ...state, revoking: [...state.revoking, id] }));
    try {
      const { revokeApiKey } = await this.graphql.mutate(RevokeApiKeyDocument, { id });
      this.state.update((state) => ({
        ...state,
        keys: state.keys.map((key) => (key.id === id ? revokeApiKey : key)),
      }));
    } finally {
      this.state.update((state) => ({ ...state, revoking: state.revoking.filter((other) => other !== id) }));
    }
  }
}
