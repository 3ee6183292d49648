import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes';

/** Where each reliability suite leaves the figures of its last run (docs/reliability.md quotes them). */
export const FIGURES_DIR = join(ROOT, 'tmp', 'reliability');

/** Writes a suite's figures (operations, faults, inputs tried, losses found) and logs one line. */
export function recordFigures(suite: string, figures: Record<string, unknown>): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const stamped = { suite, at: new Date().toISOString(), ...figures };
  writeFileSync(join(FIGURES_DIR, `${suite}.json`), JSON.stringify(stamped, null, 2) + '\n');
  if (process.env.RELIABILITY_QUIET !== '1')
    console.log(`[reliability] ${suite}: ${JSON.stringify(figures)}`);
}

/** True for a full run (`RELIABILITY_FULL=1 npm test -- tests/reliability`): the sizes, not CI's. */
export const FULL_RUN = process.env.RELIABILITY_FULL === '1';

/** Time a fault test may take: CI sizes finish well within it; full runs get more. */
export const FAULT_TIMEOUT_MS = FULL_RUN ? 900_000 : 180_000;

/** A size: the variable when set, else the full-run size in a full run, else the CI default. */
export function sizeFromEnv(name: string, ciDefault: number, fullRun = ciDefault): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return FULL_RUN ? fullRun : ciDefault;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer (got "${raw}")`);
  return n;
}
