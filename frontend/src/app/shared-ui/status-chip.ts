import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

export type StatusTone = 'positive' | 'active' | 'info' | 'warning' | 'negative' | 'neutral';

/** How each status of the API reads at a glance (campaigns, offers, drops, streams, jobs, coupon codes). */
const TONE: Readonly<Record<string, StatusTone>> = {
  ACTIVE: 'positive',
  ACCEPTED: 'positive',
  DONE: 'positive',
  SUCCEEDED: 'positive',
  AVAILABLE: 'positive',
  LIVE: 'active',
  OPEN: 'active',
  RUNNING: 'info',
  PENDING: 'info',
  SCHEDULED: 'info',
  ISSUED: 'info',
  DRAFT: 'neutral',
  COMPLETED: 'neutral',
  ENDED: 'neutral',
  PAUSED: 'warning',
  EXPIRED: 'warning',
  EXHAUSTED: 'neutral',
  CANCELLED: 'negative',
  DECLINED: 'negative',
  WITHDRAWN: 'negative',
  FAILED: 'negative',
  ROLLED_BACK: 'negative',
};

/** "GIFT_MILESTONE" -> "Gift milestone". */
export function humanizeEnum(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A status as a small coloured pill: `<app-status-chip status="ACTIVE" />`. LIVE and OPEN pulse (unless the
 * user asked for reduced motion). `label` overrides the text; `tone` overrides the colour.
 */
@Component({
  selector: 'app-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': "'tone-' + resolvedTone()" },
  template: `@if (resolvedTone() === 'active') {
      <span class="dot" aria-hidden="true"></span>
    }
    {{ text() }}`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 2px 10px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
      justify-self: start;
      align-self: center;
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
    :host(.tone-positive) {
      background: #d7f0dd;
      color: #0d5224;
    }
    :host(.tone-active) {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    :host(.tone-info) {
      background: #dde6fb;
      color: #1c3d8a;
    }
    :host(.tone-warning) {
      background: #fdecc8;
      color: #6b4300;
    }
    :host(.tone-negative) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: currentColor;
      animation: pulse 1.6s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.3;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dot {
        animation: none;
      }
    }
  `,
})
export class StatusChip {
  readonly status = input.required<string>();
  readonly label = input<string | null>(null);
  readonly tone = input<StatusTone | null>(null);
  protected readonly resolvedTone = computed(() => this.tone() ?? TONE[this.status()] ?? 'neutral');
  protected readonly text = computed(() => this.label() ?? humanizeEnum(this.status()));
}
