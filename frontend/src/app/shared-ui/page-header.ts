import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Icon } from './icon';

/**
 * The top of a screen: optional back link, the title (the page's only h1), a line of context, and actions
 * on the right (wrapping under the title on a phone):
 * `<app-page-header heading="Campaigns" back="/app/brand" backLabel="All campaigns">
 *    <p subtitle>…</p> <button …>New campaign</button></app-page-header>`.
 */
@Component({
  selector: 'app-page-header',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, Icon],
  template: `
    @if (back(); as back) {
      <a class="back" [routerLink]="back"><app-icon name="back" />{{ backLabel() }}</a>
    }
    <div class="row">
      <div class="titles">
        <div class="title-line">
          <h1>{{ heading() }}</h1>
          <ng-content select="[badge]" />
        </div>
        <ng-content select="[subtitle]" />
      </div>
      <div class="actions"><ng-content /></div>
    </div>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 20px;
    }
    .back {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      margin-bottom: 8px;
      font: var(--mat-sys-label-large);
      text-decoration: none;
      border-radius: 4px;
    }
    .back app-icon {
      width: 18px;
      height: 18px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 24px;
      align-items: flex-end;
      justify-content: space-between;
    }
    .titles {
      min-width: 0;
      flex: 1 1 320px;
    }
    .title-line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }
    h1 {
      margin: 0;
      font: var(--mat-sys-headline-small);
      overflow-wrap: anywhere;
    }
    .titles ::ng-deep [subtitle] {
      margin: 4px 0 0;
      max-width: 70ch;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .actions:empty {
      display: none;
    }
  `,
})
export class PageHeader {
  readonly heading = input.required<string>();
  readonly back = input<string | null>(null);
  readonly backLabel = input('Back');
}
