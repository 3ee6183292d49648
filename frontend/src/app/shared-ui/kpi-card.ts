import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { Icon, IconName } from './icon';

let nextId = 0;

/**
 * One headline number: `<app-kpi-card label="Spend" [value]="m.spend | money" hint="of $5,000 budget" />`.
 * `tone` colours the value (positive ROI in green, negative in red). Extra content goes under the hint.
 */
@Component({
  selector: 'app-kpi-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  // A labelled group, so assistive tech reads "Spend, group: $1,200" rather than two loose paragraphs.
  host: { role: 'group', '[attr.aria-labelledby]': 'labelId' },
  template: `
    <p class="label" [id]="labelId">
      @if (icon(); as icon) {
        <app-icon [name]="icon" />
      }
      {{ label() }}
    </p>
    <p class="value" [class]="'tone-' + tone()">{{ value() }}</p>
    @if (hint()) {
      <p class="hint">{{ hint() }}</p>
    }
    <ng-content />
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
      background: var(--mat-sys-surface-container-lowest);
    }
    p {
      margin: 0;
    }
    .label {
      display: flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface-variant);
    }
    .label app-icon {
      width: 18px;
      height: 18px;
    }
    .value {
      margin-top: 6px;
      font: var(--mat-sys-headline-small);
      font-weight: 600;
      overflow-wrap: anywhere;
      font-variant-numeric: tabular-nums;
    }
    .tone-positive {
      color: light-dark(#1b6b34, #86d99c);
    }
    .tone-negative {
      color: var(--mat-sys-error);
    }
    .hint {
      margin-top: 2px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class KpiCard {
  readonly label = input.required<string>();
  readonly value = input.required<string>();
  readonly hint = input<string | null>(null);
  readonly icon = input<IconName | null>(null);
  readonly tone = input<'neutral' | 'positive' | 'negative'>('neutral');
  protected readonly labelId = `kpi-label-${nextId++}`;
}

/** The tone of a ratio (ROI): green above zero, red below, neutral when unknown or zero. */
export function toneOf(value: number | null | undefined): 'neutral' | 'positive' | 'negative' {
  if (value == null || value === 0) return 'neutral';
  return value > 0 ? 'positive' : 'negative';
}
