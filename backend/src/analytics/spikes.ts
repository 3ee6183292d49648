import type { UnitOfWork } from '../platform/database/unit-of-work';

/** A drop closed at most this long before a spike still counts as near it. */
export const NEAR_DROP_MS = 5 * 60_000;

const MINUTE_MS = 60_000;

export interface Spike {
  streamId: string;
  startedAt: Date;
  endedAt: Date;
  giftedRoses: number;
  baseline: number;
  factor: number;
  nearDropId: string | null;
}

/**
 * A stream's 60 s buckets of gifted roses over its air time (the buckets `streamTimeline` answers
 * with 60), kept sparse: `count` buckets from `start` (epoch ms of the first), of which only those
 * with roses are listed: bucket `minutes[i]` (its index from `start`, ascending) holds `roses[i]`;
 * every other bucket holds 0. Plain number arrays: a campaign's streams have thousands of minutes.
 */
export interface GiftMinutes {
  streamId: string;
  start: number;
  count: number;
  minutes: number[];
  roses: number[];
}

/** A drop that may be near a spike, the latest opened first. */
export interface NearCandidate {
  id: string;
  streamId: string;
  openedAt: Date;
  closedAt: Date | null;
}

/**
 * The median of `count` values made of `positives` and zeros for the rest (the mean of the two
 * middle values for an even count; 0 for none).
 */
export function medianWithZeros(count: number, positives: number[]): number {
  const sorted = Float64Array.from(positives).sort();
  const total = Math.max(count, sorted.length);
  if (total === 0) return 0;
  const zeros = total - sorted.length;
  const at = (k: number) => (k < zeros ? 0 : sorted[k - zeros]);
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/**
 * Runs of consecutive 60 s buckets whose roses exceed minFactor x baseline, where baseline is the
 * median bucket of the stream (zeros included; a zero median means a baseline of 1). The
 * threshold is above 0, so an empty bucket always ends a run: the buckets with roses are enough.
 */
export function findSpikes(series: GiftMinutes, minFactor: number): Omit<Spike, 'nearDropId'>[] {
  const { streamId, start, minutes, roses } = series;
  const baseline = medianWithZeros(series.count, roses) || 1;
  const threshold = minFactor * baseline;
  const spikes: Omit<Spike, 'nearDropId'>[] = [];
  let first = -1; // index in `minutes` of the run's first bucket, -1 outside a run
  const flush = (end: number) => {
    if (first < 0) return;
    const run = roses.slice(first, end);
    spikes.push({
      streamId,
      startedAt: new Date(start + minutes[first] * MINUTE_MS),
      endedAt: new Date(start + (minutes[end - 1] + 1) * MINUTE_MS),
      giftedRoses: run.reduce((sum, r) => sum + r, 0),
      baseline,
      factor: Math.max(...run) / baseline,
    });
    first = -1;
  };
  for (let i = 0; i < minutes.length; i++) {
    if (first >= 0 && minutes[i] !== minutes[i - 1] + 1) flush(i);
    if (roses[i] > threshold) {
      if (first < 0) first = i;
    } else flush(i);
  }
  flush(minutes.length);
  return spikes;
}

/**
 * Spikes, oldest first, each with its near drop: a drop of that stream open during the spike, else
 * one closed within NEAR_DROP_MS before it; the first of `near` (latest opened first) wins.
 */
export function withNearDrops(found: Omit<Spike, 'nearDropId'>[], near: NearCandidate[]): Spike[] {
  return [...found]
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.streamId.localeCompare(b.streamId))
    .map((spike) => {
      const close = near.filter(
        (d) =>
          d.streamId === spike.streamId &&
          d.openedAt < spike.endedAt &&
          (d.closedAt === null || d.closedAt.getTime() >= spike.startedAt.getTime() - NEAR_DROP_MS),
      );
      // A drop open during the spike wins over one that closed shortly before it.
      const during = close.find((d) => d.closedAt === null || d.closedAt >= spike.startedAt);
      return { ...spike, nearDropId: (during ?? close[0])?.id ?? null };
    });
}

/** Whose streams: the given ones, or those with a drop of a campaign. */
export type SpikeStreams = { streamIds: string[] } | { campaignId: string };

/**
 * The 60 s gift buckets of streams, in one statement over their minute rollups (never the raw
 * events), without materializing the empty minutes: the air time is counted, the minutes with
 * roses are listed. The span is `buckets(ids, 60)`'s: from the minute of the stream's start (or
 * its first minute with gifts, claims or viewers, if earlier) to its end (or now), stretched to
 * its last such minute. A stream without a start and without activity has no buckets.
 */
export async function giftMinutes(
  uow: Pick<UnitOfWork, 'query'>,
  target: SpikeStreams,
): Promise<GiftMinutes[]> {
  const ids =
    'campaignId' in target
      ? `SELECT DISTINCT stream_id FROM drops WHERE campaign_id = $1`
      : `SELECT unnest($1::uuid[])`;
  const rows = await uow.query<
    { stream_id: string; start: number; count: number; minutes: number[]; roses: number[] }[]
  >(
    `WITH r AS (
       SELECT stream_id,
              min(minute) FILTER (WHERE gifted_roses > 0 OR claims > 0 OR viewers > 0) AS first,
              max(minute) FILTER (WHERE gifted_roses > 0 OR claims > 0 OR viewers > 0) AS last
         FROM stream_minute_rollups WHERE stream_id IN (${ids}) GROUP BY stream_id),
     span AS (
       SELECT s.id, floor(extract(epoch FROM LEAST(s.started_at, r.first)) / 60) * 60 AS lo,
              extract(epoch FROM GREATEST(COALESCE(s.ended_at, now()), r.last)) AS hi
         FROM streams s LEFT JOIN r ON r.stream_id = s.id
        WHERE s.id IN (${ids}) AND COALESCE(s.started_at, r.first) IS NOT NULL)
     SELECT span.id AS stream_id, (span.lo * 1000)::float8 AS start,
            GREATEST(0, floor((span.hi - span.lo) / 60) + 1)::int AS count,
            COALESCE(g.minutes, '[]') AS minutes, COALESCE(g.roses, '[]') AS roses
       FROM span LEFT JOIN LATERAL (
         SELECT json_agg(((extract(epoch FROM m.minute) - span.lo) / 60)::int ORDER BY m.minute) AS minutes,
                json_agg(m.gifted_roses ORDER BY m.minute) AS roses
           FROM stream_minute_rollups m WHERE m.stream_id = span.id AND m.gifted_roses > 0) g ON true
      ORDER BY span.id`,
    ['campaignId' in target ? target.campaignId : target.streamIds],
  );
  return rows.map((row) => ({
    streamId: row.stream_id,
    start: row.start,
    count: row.count,
    minutes: row.minutes,
    roses: row.roses,
  }));
}
