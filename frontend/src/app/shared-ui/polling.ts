import { InjectionToken } from '@angular/core';

/**
 * How often screens ask the API for the progress of background work (code generation, exports) while it
 * runs. One second by default; tests provide a few milliseconds.
 */
export const PROGRESS_POLL_MS = new InjectionToken<number>('PROGRESS_POLL_MS', {
  providedIn: 'root',
  factory: () => 1000,
});
