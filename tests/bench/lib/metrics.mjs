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

/** "heap 120 MB, rss 210 MB" of each api replica, from its Node.js process metrics. */
export async function apiMemory(ctx) {
  const parts = [];
  for (const url of ctx.apiUrls) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const mb = (metric) =>
      Math.round(Number(new RegExp(`^${metric} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20);
    parts.push(`heap ${mb('nodejs_heap_size_used_bytes')} MB, rss ${mb('process_resident_memory_bytes')} MB`);
  }
  return parts.join('; ');
}

/** Mean observation between two reads of one histogram (0 when nothing was observed). */
export function meanBetween(before, after) {
  const count = after.count - before.count;
  return count ? (after.sum - before.sum) / count : 0;
}
