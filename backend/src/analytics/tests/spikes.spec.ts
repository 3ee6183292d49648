import { UnitOfWork } from '../../platform/database/unit-of-work';
import { startTestApp, TestApp } from '../../testing/test-app';
import { dropWorld } from '../../drops/tests/drop-world';
import { AnalyticsService, Bucket } from '../analytics.service';
import { findSpikes, giftMinutes, GiftMinutes, medianWithZeros, Spike } from '../spikes';

const MIN = 60_000;

/** The method of docs/analytics.md on the dense list of 60 s buckets, zeros included, as written there. */
function denseSpikes(streamId: string, roses: number[], start: number, minFactor: number) {
  const sorted = [...roses].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median =
    sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const baseline = median || 1;
  const out: Omit<Spike, 'nearDropId'>[] = [];
  let i = 0;
  while (i < roses.length) {
    if (!(roses[i] > minFactor * baseline)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < roses.length && roses[j + 1] > minFactor * baseline) j++;
    const run = roses.slice(i, j + 1);
    out.push({
      streamId,
      startedAt: new Date(start + i * MIN),
      endedAt: new Date(start + (j + 1) * MIN),
      giftedRoses: run.reduce((a, b) => a + b, 0),
      baseline,
      factor: Math.max(...run) / baseline,
    });
    i = j + 1;
  }
  return out;
}

/** The sparse form `giftMinutes` answers for a dense list. */
function sparse(streamId: string, roses: number[], start: number): GiftMinutes {
  const minutes = roses.flatMap((r, i) => (r > 0 ? [i] : []));
  return { streamId, start, count: roses.length, minutes, roses: minutes.map((i) => roses[i]) };
}

describe('spikes from sparse minute buckets', () => {
  it('takes the median with the empty minutes counted as zeros', () => {
    expect(medianWithZeros(0, [])).toBe(0);
    expect(medianWithZeros(5, [])).toBe(0);
    expect(medianWithZeros(5, [7, 1, 3])).toBe(1); // 0 0 1 3 7
    expect(medianWithZeros(4, [7, 1, 3])).toBe(2); // 0 1 3 7
    expect(medianWithZeros(6, [9, 4, 2])).toBe(1); // 0 0 0 2 4 9
    expect(medianWithZeros(3, [5, 5, 6])).toBe(5);
  });

  it('ends a run at a minute without roses even when both neighbours are spikes', () => {
    const start = Date.UTC(2026, 0, 1, 12);
    const roses = [2, 2, 40, 0, 40, 41, 2, 2, 2, 2];
    expect(findSpikes(sparse('s', roses, start), 3)).toEqual([
      expect.objectContaining({
        startedAt: new Date(start + 2 * MIN),
        endedAt: new Date(start + 3 * MIN),
        giftedRoses: 40,
      }),
      expect.objectContaining({
        startedAt: new Date(start + 4 * MIN),
        endedAt: new Date(start + 6 * MIN),
        giftedRoses: 81,
      }),
    ]);
  });

  it('finds exactly the spikes of the dense method on random streams', () => {
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 500; n++) {
      const length = Math.floor(rand() * 60);
      const quiet = rand() < 0.5;
      const roses = Array.from({ length }, () =>
        rand() < (quiet ? 0.7 : 0.1) ? 0 : rand() < 0.1 ? Math.floor(rand() * 200) : Math.floor(rand() * 6),
      );
      const start = Date.UTC(2026, 0, 1) + n * 3600_000;
      const minFactor = [0.5, 1, 2.5, 3][n % 4];
      expect(findSpikes(sparse(`s${n}`, roses, start), minFactor)).toEqual(
        denseSpikes(`s${n}`, roses, start, minFactor),
      );
    }
  });
});

/**
 * `giftMinutes` (one statement over the rollups, no generate_series) against the 60 s timeline
 * (`buckets`): the same number of buckets over the same air time, the same minutes with roses.
 */
describe('giftMinutes', () => {
  let t: TestApp;
  let creatorId: string;
  const T0 = Math.floor((Date.now() - 4 * 3600_000) / 3600_000) * 3600_000;

  beforeAll(async () => {
    t = await startTestApp();
    creatorId = (await dropWorld(t, { live: false })).creatorId;
  });
  afterAll(() => t.close());

  async function stream(startedAt: number | null, endedAt: number | null): Promise<string> {
    const [row] = await t.dataSource.query(
      `INSERT INTO streams (creator_id, title, status, scheduled_start_at, started_at, ended_at)
       VALUES ($1, 'spikes', 'LIVE', now(), $2, $3) RETURNING id`,
      [
        creatorId,
        startedAt === null ? null : new Date(startedAt),
        endedAt === null ? null : new Date(endedAt),
      ],
    );
    return row.id;
  }

  async function minutes(
    streamId: string,
    rows: { at: number; roses?: number; viewers?: number; claims?: number; redemptions?: number }[],
  ) {
    for (const r of rows)
      await t.dataSource.query(
        `INSERT INTO stream_minute_rollups (stream_id, minute, gifted_roses, viewers, claims, redemptions)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [streamId, new Date(r.at), r.roses ?? 0, r.viewers ?? 0, r.claims ?? 0, r.redemptions ?? 0],
      );
  }

  it('counts the same buckets and lists the same minutes with roses as the 60 s timeline', async () => {
    // Ended, with a redemption-only minute an hour after the end (not air time).
    const ended = await stream(T0, T0 + 30 * MIN);
    await minutes(ended, [
      ...Array.from({ length: 30 }, (_, m) => ({
        at: T0 + m * MIN,
        roses: m % 7 === 3 ? 0 : 2 + m,
        viewers: 1,
      })),
      { at: T0 + 90 * MIN, redemptions: 1 },
    ]);
    // Started mid-minute, with gifts before its start and a viewer-only minute past now (live).
    const live = await stream(T0 + 10.5 * MIN, null);
    const future = Math.floor(Date.now() / MIN) * MIN + 10 * MIN;
    await minutes(live, [
      { at: T0 + 5 * MIN, roses: 3 },
      { at: T0 + 12 * MIN, claims: 2 },
      { at: T0 + 40 * MIN, roses: 50, viewers: 4 },
      { at: future, viewers: 1 },
    ]);
    // Gifts after its recorded end stretch it.
    const stretched = await stream(T0, T0 + 5 * MIN);
    await minutes(stretched, [
      { at: T0 + 2 * MIN, roses: 1 },
      { at: T0 + 9 * MIN, roses: 8 },
    ]);
    // Never started and no activity: no buckets. Starting in the future: none yet.
    const never = await stream(null, null);
    const notYet = await stream(Date.now() + 3600_000, null);
    await minutes(notYet, [{ at: T0, redemptions: 1 }]);
    const quiet = await stream(T0, T0 + 20 * MIN);

    const ids = [ended, live, stretched, never, notYet, quiet];
    const dense = await t.app.get(AnalyticsService).buckets(ids, 60);
    const series = new Map(
      (await giftMinutes(t.app.get(UnitOfWork), { streamIds: ids })).map((s) => [s.streamId, s]),
    );
    for (const id of ids) {
      const buckets: Bucket[] = dense.get(id) ?? [];
      const got = series.get(id);
      expect({ id, count: got?.count ?? 0 }).toEqual({ id, count: buckets.length });
      const gifts = got ? got.minutes.map((m, i) => [new Date(got.start + m * MIN), got.roses[i]]) : [];
      expect(gifts).toEqual(buckets.filter((b) => b.giftedRoses > 0).map((b) => [b.at, b.giftedRoses]));
    }
    expect(series.get(ended)?.count).toBe(31);
    expect(series.has(never)).toBe(false);
    expect(series.get(quiet)).toEqual({ streamId: quiet, start: T0, count: 21, minutes: [], roses: [] });
  });
});
