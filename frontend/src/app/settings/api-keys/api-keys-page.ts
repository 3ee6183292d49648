import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, effect, inject, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChip, MatChipSet } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { errorMessage } from '../../core/graphql/graphql-error';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { confirmAction } from '../../shared-ui/confirm-dialog';
import { CopyButton } from '../../shared-ui/copy-button';
import { Icon } from '../../shared-ui/icon';
import { SCOPE_LABEL } from './api-scopes';
import { ApiKey, ApiKeysStore } from './api-keys-store';
import { CreateApiKeyData, CreateApiKeyDialog } from './create-api-key-dialog';

/** The example a creator's stream integration starts from. */
export function eventsCurlExample(origin: string, now: Date): string {
  const body = JSON.stringify({
    events: [
      {
        eventId: 'e-1',
        streamId: '<stream>',
        type: 'GIFT',
        occurredAt: now.toISOString(),
        viewerId: 'v-1',
        gift: { name: 'rose', count: 5, coinValue: 1 },
      },
    ],
  });
  return [
    `curl -X POST ${origin}/v1/events \\`,
    `  -H "Authorization: Bearer <key>" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d '${body}'`,
  ].join('\n');
}

@Component({
  selector: 'app-api-keys-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ApiKeysStore],
  imports: [DatePipe, MatButton, MatChipSet, MatChip, MatProgressBar, CopyButton, Icon],
  templateUrl: './api-keys-page.html',
  styleUrls: ['../settings-page.scss', './api-keys-page.scss'],
})
export class ApiKeysPage {
  protected readonly store = inject(ApiKeysStore);
  private readonly organizations = inject(OrganizationStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly organization = this.organizations.current;
  protected readonly scopeLabel = SCOPE_LABEL;
  protected readonly curl = computed(() =>
    this.organization()?.kind === 'CREATOR' ? eventsCurlExample(window.location.origin, new Date()) : null,
  );

  constructor() {
    effect(() => {
      const id = this.organization()?.id;
      if (id) untracked(() => void this.store.load(id));
    });
  }

  protected create(): void {
    const kind = this.organization()?.kind;
    if (!kind) return;
    this.dialog.open<CreateApiKeyDialog, CreateApiKeyData>(CreateApiKeyDialog, {
      data: { store: this.store, kind },
      width: '520px',
      maxWidth: 'calc(100vw - 32px)',
      autoFocus: 'first-tabbable',
    });
  }

  protected async revoke(key: ApiKey): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: `Revoke “${key.name}”?`,
      message: `Integrations using the key ${key.prefix}… stop working at once. This cannot be undone.`,
      confirm: 'Revoke key',
    });
    if (!confirmed) return;
    try {
      await this.store.revoke(key.id);
      this.snackBar.open(`“${key.name}” is revoked.`, undefined, { duration: 4000 });
    } catch (error) {
      this.snackBar.open(`Could not revoke “${key.name}”: ${errorMessage(error)}`, 'Dismiss');
    }
  }
}
