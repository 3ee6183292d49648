import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Icon, IconName } from './icon';

/**
 * What a list shows when it has nothing yet, and what to do next:
 * `<app-empty-state icon="campaign" heading="No campaigns yet">Text… <button …>Create</button></app-empty-state>`.
 * Paragraph text and buttons go in the content; buttons (elements with `actions`) are laid out in a row.
 */
@Component({
  selector: 'app-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    @if (icon(); as icon) {
      <span class="badge"><app-icon [name]="icon" /></span>
    }
    <h2>{{ heading() }}</h2>
    <div class="body"><ng-content /></div>
    <div class="actions"><ng-content select="[actions]" /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      padding: 40px 24px;
      text-align: center;
    }
    .badge {
      display: grid;
      place-items: center;
      width: 56px;
      height: 56px;
      margin-bottom: 12px;
      border-radius: 50%;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    h2 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-medium);
    }
    .body {
      max-width: 52ch;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .body ::ng-deep p {
      margin: 0 0 8px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 8px;
      margin-top: 12px;
    }
    .actions:empty {
      display: none;
    }
  `,
})
export class EmptyState {
  readonly heading = input.required<string>();
  readonly icon = input<IconName | null>(null);
}
