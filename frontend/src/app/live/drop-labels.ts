import { formatDate } from '@angular/common';
import type { DropStatus, DropTrigger } from '../core/graphql/generated';

/** What a drop needs to describe itself. */
export interface DropLike {
  trigger: DropTrigger;
  status: DropStatus;
  scheduledAt: string | null;
  milestoneRoses: number | null;
  openedAt?: string | null;
  closedAt?: string | null;
}

const HOW: Record<DropTrigger, string> = {
  SCHEDULED: 'on schedule',
  MANUAL: 'by hand',
  GIFT_MILESTONE: 'at its gift milestone',
};

/**
 * How the drop opens, in words ("Opens at 18:30", "Opens when someone presses Open drop"), or, once it
 * opened, when and how ("Opened 18:31 by hand, closed 18:41").
 */
export function dropTriggerLabel(drop: DropLike, locale = 'en-US'): string {
  const time = (iso: string) => formatDate(iso, 'HH:mm', locale);
  if (drop.openedAt) {
    const opened = `Opened ${time(drop.openedAt)} ${HOW[drop.trigger]}`;
    return drop.closedAt ? `${opened}, closed ${time(drop.closedAt)}` : opened;
  }
  if (drop.status === 'CANCELLED') return 'Cancelled before it opened';
  if (drop.status === 'EXPIRED') return 'Expired before it opened';
  switch (drop.trigger) {
    case 'SCHEDULED':
      return drop.scheduledAt
        ? `Opens at ${formatDate(drop.scheduledAt, 'MMM d, HH:mm', locale)}`
        : 'Opens on schedule';
    case 'MANUAL':
      return 'Opens when someone presses Open drop';
    case 'GIFT_MILESTONE':
      return `Opens at ${(drop.milestoneRoses ?? 0).toLocaleString(locale)} gifted roses`;
  }
}

/** Share of the pool claimed, 0 to 100. */
export function claimedPercent(drop: { claimedRoses: number; roseCount: number }): number {
  return drop.roseCount > 0 ? Math.min(100, Math.round((drop.claimedRoses / drop.roseCount) * 100)) : 0;
}
