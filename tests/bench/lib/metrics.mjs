// Reads of the api's Prometheus /metrics during a benchmark.

/** Sum and count of a histogram so far, over every api replica. */
export async function histogram(ctx, name) {
  const total = { sum: 0, count: 0 };
  for (const url of ctx.apiUrls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const read = (metric) => Number(new RegExp(`^${metric} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
    total.sum += read(`${name}_sum`);
    total.count += read(`${name}_count`);
  }
  return total;
}

/** Mean observation between two reads of one histogram (0 when nothing was observed). */
export function meanBetween(before, after) {
  const count = after.count - before.count;
  return count ? (after.sum - before.sum) / count : 0;
}
