/**
 * Runs `tasks` with at most `concurrency` in flight; resolves with their results in order. Once a
 * task fails no new one starts, so a failed test does not keep loading a service for minutes.
 */
export async function inParallel<T>(concurrency: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  let failed = false;
  const lanes = Array.from({ length: Math.min(concurrency, tasks.length) }, async () => {
    while (!failed && next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]();
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  });
  await Promise.all(lanes);
  return results;
}

export interface Attempted<T> {
  /** The final answer (a business answer, never a retryable failure), or the last failure. */
  value?: T;
  /** Every answer on the way, e.g. `["network", "503", "201"]`. */
  trail: string[];
}

/**
 * What a well-behaved client does: resend the SAME request (same idempotency key / event ids) while
 * the answer is a connection failure or a retryable 503, with a short back-off.
 */
export async function withRetries<T>(
  send: () => Promise<T>,
  classify: (value: T) => 'retry' | 'done' | string,
  opts: { attempts?: number; delayMs?: number } = {},
): Promise<Attempted<T>> {
  const trail: string[] = [];
  const attempts = opts.attempts ?? 60;
  for (let i = 0; i < attempts; i++) {
    try {
      const value = await send();
      const verdict = classify(value);
      trail.push(verdict);
      if (verdict !== 'retry') return { value, trail };
    } catch (error) {
      trail.push(
        `network:${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`,
      );
    }
    await new Promise((r) => setTimeout(r, Math.min(2000, (opts.delayMs ?? 100) * (i + 1))));
  }
  return { trail };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
