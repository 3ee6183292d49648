import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { Dec, type Money } from '@bouquet/shared';
import { formatMoneyValue } from './formats';

/** Spent, reserved and remaining as shares (0..100) of a budget; clamped so the bar never overflows. */
export function budgetShares(
  budget: Money,
  spent: Money,
  reserved: Money,
): { spent: number; reserved: number; remaining: number } {
  const total = new Dec(budget.amount);
  if (total.lte(0)) return { spent: 0, reserved: 0, remaining: 100 };
  const pct = (value: Money) =>
    Dec.max(0, Dec.min(100, new Dec(value.amount).div(total).times(100))).toNumber();
  const spentPct = pct(spent);
  const reservedPct = Math.min(pct(reserved), 100 - spentPct);
  return { spent: spentPct, reserved: reservedPct, remaining: Math.max(0, 100 - spentPct - reservedPct) };
}

/**
 * A campaign budget at a glance: spent (committed fees and drops), reserved (held for scheduled drops) and
 * remaining, as one stacked bar with a legend. `compact` shows a thin bar and one line, for list rows.
 */
@Component({
  selector: 'app-budget-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="bar" role="img" [attr.aria-label]="summary()" [class.thin]="compact()">
      <span class="spent" [style.width.%]="shares().spent"></span>
      <span class="reserved" [style.width.%]="shares().reserved"></span>
    </div>
    @if (compact()) {
      <p class="line" aria-hidden="true">
        <strong>{{ format(remainingValue()) }}</strong> left of {{ format(budget()) }}
      </p>
      <p class="line" aria-hidden="true">
        {{ format(spent()) }} spent
        @if (hasReserved()) {
          · {{ format(reserved()) }} reserved
        }
      </p>
    } @else {
      <ul class="legend" aria-hidden="true">
        <li>
          <span class="swatch spent"></span>Spent <strong>{{ format(spent()) }}</strong>
        </li>
        <li>
          <span class="swatch reserved"></span>Reserved <strong>{{ format(reserved()) }}</strong>
        </li>
        <li>
          <span class="swatch remaining"></span>Remaining <strong>{{ format(remainingValue()) }}</strong>
        </li>
        <li class="total">
          Budget <strong>{{ format(budget()) }}</strong>
        </li>
      </ul>
    }
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }
    .bar {
      display: flex;
      height: 12px;
      border-radius: 999px;
      overflow: hidden;
      background: var(--mat-sys-surface-container-highest);
    }
    .bar.thin {
      height: 6px;
    }
    .spent {
      background: var(--mat-sys-primary);
    }
    .reserved {
      background: repeating-linear-gradient(
        -45deg,
        var(--mat-sys-tertiary),
        var(--mat-sys-tertiary) 3px,
        color-mix(in srgb, var(--mat-sys-tertiary) 60%, transparent) 3px,
        color-mix(in srgb, var(--mat-sys-tertiary) 60%, transparent) 6px
      );
    }
    .remaining {
      background: var(--mat-sys-surface-container-highest);
      outline: 1px solid var(--mat-sys-outline-variant);
    }
    .bar + .line {
      margin-top: 6px;
    }
    .line {
      margin: 2px 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      strong {
        color: var(--mat-sys-on-surface);
      }
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 20px;
      margin: 10px 0 0;
      padding: 0;
      list-style: none;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      li {
        display: inline-flex;
        align-items: center;
        gap: 6px;
      }
      strong {
        color: var(--mat-sys-on-surface);
        font-variant-numeric: tabular-nums;
      }
      .total {
        margin-inline-start: auto;
      }
    }
    .swatch {
      width: 10px;
      height: 10px;
      border-radius: 3px;
    }
  `,
})
export class BudgetBar {
  readonly budget = input.required<Money>();
  readonly spent = input.required<Money>();
  readonly reserved = input.required<Money>();
  /** Defaults to budget - spent - reserved (never below zero). */
  readonly remaining = input<Money | null>(null);
  readonly compact = input(false);

  protected readonly shares = computed(() => budgetShares(this.budget(), this.spent(), this.reserved()));
  protected readonly hasReserved = computed(() => new Dec(this.reserved().amount).gt(0));
  protected readonly remainingValue = computed<Money>(
    () =>
      this.remaining() ?? {
        amount: Dec.max(
          0,
          new Dec(this.budget().amount).minus(this.spent().amount).minus(this.reserved().amount),
        ).toString(),
        currency: this.budget().currency,
      },
  );
  protected readonly summary = computed(
    () =>
      `Budget ${this.format(this.budget())}: ${this.format(this.spent())} spent, ` +
      `${this.format(this.reserved())} reserved, ${this.format(this.remainingValue())} remaining`,
  );

  protected format(value: Money): string {
    return formatMoneyValue(value);
  }
}
