import type { FieldError } from '@bouquet/shared';

export const EVENT_TYPES = [
  'GIFT',
  'VIEWER_JOINED',
  'VIEWER_LEFT',
  'LIKE',
  'COMMENT',
  'STREAM_STARTED',
  'STREAM_ENDED',
] as const;
export type StreamEventType = (typeof EVENT_TYPES)[number];

export const MAX_EVENTS_PER_BATCH = 1000;
const PAST_LIMIT_MS = 7 * 24 * 3600_000;
const FUTURE_LIMIT_MS = 5 * 60_000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** One event as it was sent (`streamId` still the client's reference: our id or the external id). */
export interface IncomingEvent {
  eventId: string;
  streamRef: string;
  type: StreamEventType;
  occurredAt: Date;
  viewerId: string | null;
  gift: { name: string; count: number; coinValue: number } | null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isIntIn = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isStringIn = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;

/**
 * Checks a whole batch; returns the parsed events or every field error (`events[i].field`),
 * so one bad event refuses the batch with each bad index named.
 */
export function parseEventBatch(
  body: unknown,
  now = new Date(),
): { events: IncomingEvent[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (!isObject(body) || !Array.isArray(body.events)) {
    return { events: [], errors: [{ field: 'events', message: 'events must be an array' }] };
  }
  const list = body.events as unknown[];
  if (list.length === 0 || list.length > MAX_EVENTS_PER_BATCH) {
    return {
      events: [],
      errors: [{ field: 'events', message: `events must hold 1 to ${MAX_EVENTS_PER_BATCH} events` }],
    };
  }
  const events: IncomingEvent[] = [];
  list.forEach((raw, i) => {
    const at = (field: string, message: string) => errors.push({ field: `events[${i}].${field}`, message });
    if (!isObject(raw)) {
      errors.push({ field: `events[${i}]`, message: 'each event must be an object' });
      return;
    }
    const before = errors.length;
    if (!isStringIn(raw.eventId, 1, 128)) at('eventId', 'eventId must be a string of 1 to 128 characters');
    if (!isStringIn(raw.streamId, 1, 128)) at('streamId', 'streamId must be a string of 1 to 128 characters');
    if (typeof raw.type !== 'string' || !(EVENT_TYPES as readonly string[]).includes(raw.type))
      at('type', `type must be one of ${EVENT_TYPES.join(', ')}`);
    let occurredAt: Date | null = null;
    if (typeof raw.occurredAt !== 'string' || !ISO_INSTANT.test(raw.occurredAt)) {
      at('occurredAt', 'occurredAt must be an ISO-8601 instant with a time zone');
    } else {
      occurredAt = new Date(raw.occurredAt);
      const t = occurredAt.getTime();
      if (Number.isNaN(t)) at('occurredAt', 'occurredAt is not a valid date');
      else if (t < now.getTime() - PAST_LIMIT_MS || t > now.getTime() + FUTURE_LIMIT_MS)
        at('occurredAt', 'occurredAt must be within the last 7 days and at most 5 minutes ahead');
    }
    if (raw.viewerId !== undefined && raw.viewerId !== null && !isStringIn(raw.viewerId, 1, 128))
      at('viewerId', 'viewerId must be a string of 1 to 128 characters');
    let gift: IncomingEvent['gift'] = null;
    if (raw.type === 'GIFT') {
      if (!isObject(raw.gift)) at('gift', 'a GIFT event needs gift { name, count, coinValue }');
      else {
        if (!isStringIn(raw.gift.name, 1, 64)) at('gift.name', 'gift.name must be 1 to 64 characters');
        if (!isIntIn(raw.gift.count, 1, 10_000))
          at('gift.count', 'gift.count must be an integer 1 to 10,000');
        if (!isIntIn(raw.gift.coinValue, 1, 100_000))
          at('gift.coinValue', 'gift.coinValue must be an integer 1 to 100,000');
        gift = {
          name: raw.gift.name as string,
          count: raw.gift.count as number,
          coinValue: raw.gift.coinValue as number,
        };
      }
    }
    if (errors.length > before) return;
    events.push({
      eventId: raw.eventId as string,
      streamRef: raw.streamId as string,
      type: raw.type as StreamEventType,
      occurredAt: occurredAt as Date,
      viewerId: (raw.viewerId as string | undefined) ?? null,
      gift,
    });
  });
  return { events: errors.length ? [] : events, errors };
}

/** Roses a gift counts for: gifts named "rose" (any case), one rose per unit. */
export function rosesOf(gift: IncomingEvent['gift']): number {
  return gift && gift.name.trim().toLowerCase() === 'rose' ? gift.count : 0;
}
