import type { TestApp } from '../../testing/test-app';

export function postEvents(t: TestApp, key: string | undefined, body: unknown) {
  return t.http('/v1/events', { method: 'POST', token: key, json: body });
}

export function gift(
  streamId: string,
  eventId: string,
  at: Date,
  count: number,
  name = 'rose',
  viewerId = 'v-1',
) {
  return {
    eventId,
    streamId,
    type: 'GIFT',
    occurredAt: at.toISOString(),
    viewerId,
    gift: { name, count, coinValue: 1 },
  };
}
