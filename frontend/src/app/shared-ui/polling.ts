import { InjectionToken } from '@angular/core';

/**
 * How often screens ask the API for the progress of background work (code generation, exports) while it
 * runs. One second by default; tests provide a few milliseconds.
 */
export const PROGRESS_POLL_MS = new InjectionToken<number>('PROGRESS_POLL_MS', {
  providedIn: 'root',
  factory: () => 1000,
});

/**
 * How often a screen that shows numbers still moving (a campaign's KPIs and timeline while streams run)
 * re-reads them quietly while it is open. Fifteen seconds by default; tests provide a few milliseconds.
 */
export const PAGE_REFRESH_MS = new InjectionToken<number>('PAGE_REFRESH_MS', {
  providedIn: 'root',
  factory: () => 15_000,
});
