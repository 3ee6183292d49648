import { computed, inject, Injectable, signal } from '@angular/core';
import type { CreatorProfileFieldsFragment, CreatorProfileInput } from '../../core/graphql/generated';
import { CreatorProfileForEditDocument, UpdateCreatorProfileDocument } from './creator-profile.generated';
import { Graphql } from '../../core/graphql/graphql';

export type EditableCreatorProfile = CreatorProfileFieldsFragment;

interface ProfileState {
  loading: boolean;
  error: string | null;
  profile: EditableCreatorProfile | null;
  saving: boolean;
  /** When the last save went through (for the "Saved" note), null until then or after new edits. */
  savedAt: Date | null;
}

/** Loads the creator's public profile and saves changes to it. Saves reject with GraphqlRequestError. */
@Injectable()
export class CreatorProfileStore {
  private readonly graphql = inject(Graphql);
  private readonly state = signal<ProfileState>({
    loading: false,
    error: null,
    profile: null,
    saving: false,
    savedAt: null,
  });

  readonly loading = computed(() => this.state().loading);
  readonly error = computed(() => this.state().error);
  readonly profile = computed(() => this.state().profile);
  readonly saving = computed(() => this.state().saving);
  readonly savedAt = computed(() => this.state().savedAt);

  async load(id: string): Promise<void> {
    this.state.update((state) => ({ ...state, loading: true, error: null }));
    try {
      const { creator } = await this.graphql.query(CreatorProfileForEditDocument, { id });
      this.state.update((state) => ({ ...state, loading: false, profile: creator }));
    } catch (error) {
      this.state.update((state) => ({ ...state, loading: false, error: (error as Error).message }));
    }
  }

  /** Saves the changes; resolves with the profile as the API now has it. */
  async save(creatorId: string, input: CreatorProfileInput): Promise<EditableCreatorProfile> {
    this.state.update((state) => ({ ...state, saving: true, savedAt: null }));
    try {
      const { updateCreatorProfile } = await this.graphql.mutate(UpdateCreatorProfileDocument, {
        creatorId,
        input,
      });
      this.state.update((state) => ({
        ...state,
        saving: false,
        profile: updateCreatorProfile,
        savedAt: new Date(),
      }));
      return updateCreatorProfile;
    } catch (error) {
      this.state.update((state) => ({ ...state, saving: false }));
      throw error;
    }
  }

  /** Forgets the "Saved" note once the form changes again. */
  markEdited(): void {
    if (this.state().savedAt) this.state.update((state) => ({ ...state, savedAt: null }));
  }
}
