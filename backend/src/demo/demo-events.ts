import { DemoRandom } from './demo-random';

/** One stream event as the stream-side integration sends it to `POST /v1/events`. */
export interface DemoEvent {
  eventId: string;
  streamId: string;
  type: 'GIFT' | 'VIEWER_JOINED' | 'VIEWER_LEFT' | 'LIKE' | 'COMMENT' | 'STREAM_STARTED' | 'STREAM_ENDED';
  occurredAt: string;
  viewerId?: string;
  gift?: { name: string; count: number; coinValue: number };
}

/** A stretch of minutes where viewers gift `factor` times the usual roses (a spike). */
export interface Surge {
  minute: number;
  minutes: number;
  factor: number;
}

/** What a synthetic stream looks like: its audience, its usual gifting and its spikes. */
export interface StreamScript {
  /** Prefix of event and viewer ids, unique per stream. */
  key: string;
  streamId: string;
  startedAt: Date;
  minutes: number;
  rosesPerMinute: number;
  /** Viewers active in a typical minute. */
  audience: number;
  surges: readonly Surge[];
  seed: number;
  /** Events after this instant are left out (a live stream stops at now). */
  until?: Date;
}

const MINUTE = 60_000;
const OTHER_GIFTS = [
  { name: 'heart', coinValue: 5, p: 0.35 },
  { name: 'confetti', coinValue: 100, p: 0.08 },
  { name: 'galaxy', coinValue: 1000, p: 0.02 },
] as const;

export const viewerId = (key: string, index: number) => `${key}-v${index}`;

/**
 * The events of a stream, oldest first: STREAM_STARTED, viewers joining, leaving, liking and
 * commenting (so per-minute viewer counts move), and gifts: roses around `rosesPerMinute` with
 * noise, `factor` times more during surges, plus a few other gifts. Deterministic per seed.
 */
export function scriptEvents(script: StreamScript): Omit<DemoEvent, 'eventId'>[] {
  const rnd = new DemoRandom(script.seed);
  const start = script.startedAt.getTime();
  const until = script.until?.getTime() ?? Number.POSITIVE_INFINITY;
  const out: Omit<DemoEvent, 'eventId'>[] = [
    { streamId: script.streamId, type: 'STREAM_STARTED', occurredAt: new Date(start).toISOString() },
  ];
  const at = (minute: number) => new Date(start + minute * MINUTE + rnd.int(500, 59_500)).toISOString();
  const churn = Math.max(1, Math.round(script.audience / 25));
  let joined = 0;
  let firstActive = 0;
  for (let m = 0; m < script.minutes; m++) {
    const surge = script.surges.find((s) => m >= s.minute && m < s.minute + s.minutes);
    const ramp = Math.min(1, 0.35 + m / 12) * (m >= script.minutes - 8 ? 0.75 : 1);
    const active = Math.round(script.audience * ramp * (surge ? 1.5 : 1) * rnd.between(0.85, 1.15));
    // Viewers come and go: the window of active viewers slides by `churn` each minute.
    const present = joined - firstActive;
    const leaving = Math.min(present, Math.max(0, present - active + churn));
    for (let i = 0; i < leaving; i++)
      out.push({
        streamId: script.streamId,
        type: 'VIEWER_LEFT',
        occurredAt: at(m),
        viewerId: viewerId(script.key, firstActive + i),
      });
    firstActive += leaving;
    while (joined < firstActive + active) {
      out.push({
        streamId: script.streamId,
        type: 'VIEWER_JOINED',
        occurredAt: at(m),
        viewerId: viewerId(script.key, joined),
      });
      joined += 1;
    }
    const someone = () => viewerId(script.key, rnd.int(firstActive, joined - 1));
    for (let v = firstActive; v < joined; v++)
      if (rnd.chance(0.55))
        out.push({
          streamId: script.streamId,
          type: rnd.chance(0.7) ? 'LIKE' : 'COMMENT',
          occurredAt: at(m),
          viewerId: viewerId(script.key, v),
        });
    let roses = Math.round(script.rosesPerMinute * ramp * rnd.between(0.6, 1.4) * (surge?.factor ?? 1));
    const biggest = surge ? 60 : 12;
    while (roses > 0) {
      const count = Math.min(roses, 1 + Math.floor(rnd.next() ** 2 * biggest));
      out.push({
        streamId: script.streamId,
        type: 'GIFT',
        occurredAt: at(m),
        viewerId: someone(),
        gift: { name: 'rose', count, coinValue: 1 },
      });
      roses -= count;
    }
    for (const gift of OTHER_GIFTS)
      if (rnd.chance(gift.p))
        out.push({
          streamId: script.streamId,
          type: 'GIFT',
          occurredAt: at(m),
          viewerId: someone(),
          gift: { name: gift.name, count: rnd.int(1, 3), coinValue: gift.coinValue },
        });
  }
  return out
    .filter((e) => Date.parse(e.occurredAt) <= until)
    .sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt));
}

/** How many viewers joined (their ids are `<key>-v0` to `<key>-v<count - 1>`). */
export function viewerCount(events: readonly Pick<DemoEvent, 'type'>[]): number {
  return events.filter((e) => e.type === 'VIEWER_JOINED').length;
}

/** Numbers the events `<key>-00001`, ... (unique per source, as the ingest API wants). */
export function withIds(key: string, events: Omit<DemoEvent, 'eventId'>[], from = 1): DemoEvent[] {
  return events.map((e, i) => ({ eventId: `${key}-${String(from + i).padStart(5, '0')}`, ...e }));
}

export function rosesOf(event: Pick<DemoEvent, 'type' | 'gift'>): number {
  return event.type === 'GIFT' && event.gift?.name === 'rose' ? event.gift.count : 0;
}

/** Roses gifted strictly before `at`. */
export function rosesBefore(events: readonly Pick<DemoEvent, 'type' | 'gift' | 'occurredAt'>[], at: Date) {
  return events
    .filter((e) => Date.parse(e.occurredAt) < at.getTime())
    .reduce((sum, e) => sum + rosesOf(e), 0);
}

/** When the stream's gifted roses first reach `milestone` (null when they never do). */
export function milestoneReachedAt(
  events: readonly Pick<DemoEvent, 'type' | 'gift' | 'occurredAt'>[],
  milestone: number,
): Date | null {
  let total = 0;
  for (const e of events) {
    total += rosesOf(e);
    if (total >= milestone) return new Date(e.occurredAt);
  }
  return null;
}

/** Splits a list into batches of at most `size` (the ingest API takes 1,000 events a batch). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
