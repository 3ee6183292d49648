import { Pipe, PipeTransform } from '@angular/core';
import { Dec, formatMoney, minorUnits, type Money } from '@bouquet/shared';

/** What the portal shows for a number that does not exist yet (ROI before any spend, etc.). */
export const NOT_AVAILABLE = '—';

/** "$1,250.00"; with `compact`, "$1.3K" (for KPI cards and chart axes). Null and undefined give "—". */
export function formatMoneyValue(
  value: Money | null | undefined,
  style: 'full' | 'compact' = 'full',
): string {
  if (!value) return NOT_AVAILABLE;
  if (style === 'full') return formatMoney(value);
  const amount = Number(value.amount);
  if (Math.abs(amount) < 10_000) return formatMoney(value);
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: value.currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(amount);
}

/** A money amount as a plain number string for inputs ("1250.5" stays exact, no grouping). */
export function moneyAmountForInput(value: Money): string {
  return new Dec(value.amount).toFixed(minorUnits(value.currency));
}

/** Return on investment as a signed percentage: 0.35 -> "+35%", -0.2 -> "-20%", null -> "—". */
export function formatRoi(roi: number | null | undefined): string {
  if (roi == null || !Number.isFinite(roi)) return NOT_AVAILABLE;
  return new Intl.NumberFormat('en-US', {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: Math.abs(roi) < 0.1 ? 1 : 0,
  }).format(roi);
}

/** Return on ad spend as a multiple: 2.456 -> "2.46×", null -> "—". */
export function formatRoas(roas: number | null | undefined): string {
  if (roas == null || !Number.isFinite(roas)) return NOT_AVAILABLE;
  return `${roas.toFixed(2)}×`;
}

/** A share as a percentage: 0.125 -> "12.5%", null -> "—". */
export function formatShare(share: number | null | undefined): string {
  if (share == null || !Number.isFinite(share)) return NOT_AVAILABLE;
  return new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** Counts people read at a glance: 1234 -> "1,234", 48200 -> "48.2K", 1200000 -> "1.2M". */
export function formatCount(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return NOT_AVAILABLE;
  if (Math.abs(value) < 10_000) return new Intl.NumberFormat('en-US').format(value);
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** `{{ campaign.budget | money }}`, `{{ metrics.spend | money: 'compact' }}`. */
@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(value: Money | null | undefined, style: 'full' | 'compact' = 'full'): string {
    return formatMoneyValue(value, style);
  }
}

/** `{{ metrics.roi | roi }}` -> "+35%". */
@Pipe({ name: 'roi' })
export class RoiPipe implements PipeTransform {
  transform(value: number | null | undefined): string {
    return formatRoi(value);
  }
}

/** `{{ metrics.roas | roas }}` -> "2.46×". */
@Pipe({ name: 'roas' })
export class RoasPipe implements PipeTransform {
  transform(value: number | null | undefined): string {
    return formatRoas(value);
  }
}

/** `{{ creator.followerCount | count }}` -> "48.2K". */
@Pipe({ name: 'count' })
export class CountPipe implements PipeTransform {
  transform(value: number | null | undefined): string {
    return formatCount(value);
  }
}
