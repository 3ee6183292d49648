import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Icon } from './icon';

/**
 * A failed load, said plainly, with a way to try again:
 * `<app-load-error what="your campaigns" [message]="error" (retry)="store.load()" />`.
 */
@Component({
  selector: 'app-load-error',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, Icon],
  host: { role: 'alert' },
  template: `
    <app-icon name="error" />
    <div>
      <h2>We could not load {{ what() }}</h2>
      <p>{{ message() }}</p>
      <button matButton="outlined" type="button" (click)="retry.emit()">Try again</button>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 20px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    h2 {
      margin: 0 0 4px;
      font: var(--mat-sys-title-medium);
    }
    p {
      margin: 0 0 12px;
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class LoadError {
  readonly what = input.required<string>();
  readonly message = input.required<string>();
  readonly retry = output();
}
