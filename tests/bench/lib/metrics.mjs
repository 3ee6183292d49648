// Reads of the api's Prometheus /metrics during a benchmark.

/** Sum and count of a histogram of the api process so far. */
export async function histogram(ctx, name) {
  const text = await (await fetch(`${ctx.apiProcess.baseUrl}/metrics`)).text();
  const read = (metric) => Number(new RegExp(`^${metric} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { sum: read(`${name}_sum`), count: read(`${name}_count`) };
}

/** Mean observation between two reads of one histogram (0 when nothing was observed). */
export function meanBetween(before, after) {
  const count = after.count - before.count;
  return count ? (after.sum - before.sum) / count : 0;
}
