import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatChip, MatChipSet } from '@angular/material/chips';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { errorMessage } from '../../core/graphql/graphql-error';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { confirmAction } from '../../shared-ui/confirm-dialog';
import { EmptyState } from '../../shared-ui/empty-state';
import { Icon } from '../../shared-ui/icon';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { SCOPE_LABEL } from './api-scopes';
import { ApiKey, ApiKeysStore } from './api-keys-store';
import { CreateApiKeyData, CreateApiKeyDialog } from './create-api-key-dialog';
import { EventsCurlExample } from './events-curl-example';

@Component({
  selector: 'app-api-keys-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [ApiKeysStore],
  imports: [
    DatePipe,
    MatButton,
    MatChipSet,
    MatChip,
    MatProgressBar,
    EmptyState,
    EventsCurlExample,
    Icon,
    LoadError,
    PageHeader,
  ],
  templateUrl: './api-keys-page.html',
  styleUrls: ['../../shared-ui/page.scss', './api-keys-page.scss'],
})
export class ApiKeysPage {
  protected readonly store = inject(ApiKeysStore);
  private readonly organizations = inject(OrganizationStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly organization = this.organizations.current;
  protected readonly scopeLabel = SCOPE_LABEL;

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
