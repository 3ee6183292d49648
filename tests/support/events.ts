/** A GIFT event of roses as a stream-side integration posts it to `POST /v1/events`. */
export function roseGift(
  eventId: string,
  streamId: string,
  occurredAt: Date,
  viewerId: string,
  count: number,
) {
  return {
    eventId,
    streamId,
    type: 'GIFT',
    occurredAt: occurredAt.toISOString(),
    viewerId,
    gift: { name: 'rose', count, coinValue: 1 },
  };
}
