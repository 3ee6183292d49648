import { computed, inject, Injectable, signal } from '@angular/core';
import type {
  BrandCampaignEditableFragment,
  CreateCampaignInput,
  UpdateCampaignInput,
} from '../../core/graphql/generated';
import {
  BrandCampaignForEditDocument,
  BrandCreateCampaignDocument,
  BrandUpdateCampaignDocument,
} from './campaigns.generated';
import { Graphql } from '../../core/graphql/graphql';

export type EditableCampaign = BrandCampaignEditableFragment;

interface EditorState {
  loading: boolean;
  error: string | null;
  campaign: EditableCampaign | null;
  saving: boolean;
}

/** Loads a campaign for editing and saves new or changed campaigns. Saves reject with GraphqlRequestError. */
@Injectable()
export class CampaignEditorStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<EditorState>({
    loading: false,
    error: null,
    campaign: null,
    saving: false,
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly campaign = computed(() => this.state().campaign);
  readonly saving = computed(() => this.state().saving);

  async load(id: string): Promise<void> {
    this.state.update((state) => ({ ...state, loading: true, error: null }));
    try {
      const { campaign } = await this.graphql.query(BrandCampaignForEditDocument, { id });
      this.state.update((state) => ({ ...state, loading: false, campaign }));
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  /** Resolves with the new campaign's id. */
  create(input: CreateCampaignInput): Promise<string> {
    return this.saving$(() =>
      this.graphql.mutate(BrandCreateCampaignDocument, { input }).then((data) => data.createCampaign.id),
    );
  }

  update(id: string, input: UpdateCampaignInput): Promise<string> {
    return this.saving$(() =>
      this.graphql.mutate(BrandUpdateCampaignDocument, { id, input }).then((data) => data.updateCampaign.id),
    );
  }

  private async saving$<T>(work: () => Promise<T>): Promise<T> {
    this.state.update((state) => ({ ...state, saving: true }));
    try {
      return await work();
    } finally {
      this.state.update((state) => ({ ...state, saving: false }));
    }
  }
}
