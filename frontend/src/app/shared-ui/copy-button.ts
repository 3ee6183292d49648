import { Clipboard } from '@angular/cdk/clipboard';
import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { Icon } from './icon';

/** Copies a text and says so for a moment (also to screen readers). */
@Component({
  selector: 'app-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, Icon],
  template: `
    <button matButton="tonal" type="button" (click)="copy()" [attr.aria-label]="label()">
      <app-icon [name]="copied() ? 'check' : 'copy'" />
      {{ copied() ? 'Copied' : 'Copy' }}
    </button>
    <span class="visually-hidden" aria-live="polite">{{ copied() ? 'Copied to the clipboard' : '' }}</span>
  `,
})
export class CopyButton {
  private readonly clipboard = inject(Clipboard);
  readonly text = input.required<string>();
  readonly label = input('Copy');
  protected readonly copied = signal(false);

  protected copy(): void {
    this.copied.set(this.clipboard.copy(this.text()));
    setTimeout(() => this.copied.set(false), 2000);
  }
}
