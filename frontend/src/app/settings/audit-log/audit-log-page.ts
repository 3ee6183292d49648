import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, untracked } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { OrganizationStore } from '../../core/organizations/organization-store';
import { EmptyState } from '../../shared-ui/empty-state';
import { LoadError } from '../../shared-ui/load-error';
import { PageHeader } from '../../shared-ui/page-header';
import { AuditLogStore } from './audit-log-store';

@Component({
  selector: 'app-audit-log-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [AuditLogStore],
  imports: [DatePipe, MatButton, MatProgressBar, EmptyState, LoadError, PageHeader],
  templateUrl: './audit-log-page.html',
  styleUrls: ['../../shared-ui/page.scss', './audit-log-page.scss'],
})
export class AuditLogPage {
  protected readonly store = inject(AuditLogStore);
  protected readonly organization = inject(OrganizationStore).current;

  constructor() {
    effect(() => {
      const id = this.organization()?.id;
      if (id) untracked(() => void this.store.load(id));
    });
  }

  /** `api_key.created` reads as "api key created". */
  protected readable(action: string): string {
    return action.replace(/[._]/g, ' ');
  }
}
