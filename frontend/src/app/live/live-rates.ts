/** One observation of a drop's claim counter. */
export interface ClaimSample {
  /** Epoch ms. */
  at: number;
  claims: number;
}

/** Claims per second are measured over this window. */
export const RATE_WINDOW_MS = 10_000;

/**
 * Claims per second over the last `windowMs`, from the samples of a counter (oldest first). The counter is a
 * step function: between samples it keeps its last value, so a quiet drop decays to 0 as time passes. While
 * the samples do not yet cover a whole window, the rate is over the time they cover (at least one second).
 */
export function claimsPerSecond(
  samples: readonly ClaimSample[],
  now: number,
  windowMs = RATE_WINDOW_MS,
): number {
  if (samples.length === 0) return 0;
  const last = samples[samples.length - 1];
  const start = now - windowMs;
  let base = samples[0];
  for (const sample of samples) if (sample.at <= start) base = sample;
  const from = Math.max(base.at, start);
  const seconds = Math.max(1, (now - from) / 1000);
  return Math.max(0, last.claims - base.claims) / seconds;
}

/** Adds a sample and forgets what no window can need any more (keeping the last one before the window). */
export function addSample(
  samples: readonly ClaimSample[],
  sample: ClaimSample,
  windowMs = RATE_WINDOW_MS,
): ClaimSample[] {
  const all = [...samples, sample].sort((a, b) => a.at - b.at);
  const start = sample.at - windowMs * 2;
  const firstInside = all.findIndex((s) => s.at > start);
  return firstInside <= 0 ? all : all.slice(firstInside - 1);
}
