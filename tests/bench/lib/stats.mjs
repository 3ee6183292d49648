// Percentiles and number formatting shared by the benchmarks and the report.

/** The p-th percentile (0..100) of `values` by the nearest-rank method; NaN for an empty list. */
export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50, p95 and p99 of a list (NaN when empty). */
export function summary(values) {
  const sorted = Float64Array.from(values).sort();
  const at = (p) =>
    sorted.length
      ? sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]
      : NaN;
  return {
    n: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

/** 12345.6 -> "12,346"; small numbers keep `digits` significant decimals. */
export function fmt(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A duration in ms, with a unit that reads well. */
export function fmtMs(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return 'n/a';
  if (ms >= 10_000) return `${fmt(ms / 1000, 1)} s`;
  if (ms >= 100) return `${fmt(ms, 0)} ms`;
  if (ms >= 10) return `${fmt(ms, 1)} ms`;
  return `${fmt(ms, 2)} ms`;
}

/**
 * Runs the sides (e.g. the backend, then its baseline) one after the other, `rounds` times, and
 * keeps each side's best round by `score`: on a shared machine, load from elsewhere comes and
 * goes, and alternating gives both sides the same chances. Resolves [{ best, all }] per side.
 */
export async function bestOfAlternating(rounds, sides, score) {
  const all = sides.map(() => []);
  for (let r = 0; r < rounds; r++) for (let i = 0; i < sides.length; i++) all[i].push(await sides[i](r));
  return all.map((list) => ({ best: list.reduce((a, b) => (score(b) > score(a) ? b : a)), all: list }));
}

/** "best of 2 alternating rounds (backend 1,200 and 1,350; baseline 2,000 and 2,100)" */
export function roundsNote(ctx, sides, show) {
  if (ctx.rounds === 1) return 'one round each';
  const [app, base] = sides.map((s) => s.all.map(show).join(' and '));
  return `best of ${ctx.rounds} alternating rounds (backend ${app}; baseline ${base})`;
}

/** A ratio with 3 significant digits, so one just under a goal never prints as the goal (0.496, not 0.50). */
export function fmtRatio(ratio) {
  return Number.isFinite(ratio) ? ratio.toPrecision(3) : 'n/a';
}
