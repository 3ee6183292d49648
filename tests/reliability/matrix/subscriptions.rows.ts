import { ok } from '../../support/api';
import { unique } from '../../support/world';
import { BRAND_READ, PEOPLE, SubscriptionRow, with_ } from './matrix';

const BRAND_AND_CREATOR = with_(BRAND_READ, { creator: 'OK' });

export const subscriptionRows: SubscriptionRow[] = [
  {
    op: 'Subscription.dropUpdated',
    query: `subscription($id: ID!) { dropUpdated(dropId: $id) { id claimedRoses } }`,
    variables: (w) => ({ id: w.dropId }),
    trigger: async (w) => {
      const res = await w.api.http(`/v1/drops/${w.dropId}/claims`, {
        method: 'POST',
        token: w.keys.creator.DROPS_CLAIM.secret,
        json: { viewerId: unique('sub-viewer-') },
      });
      if (res.status !== 201) throw new Error(`trigger claim: ${res.status} ${res.text}`);
    },
    expect: BRAND_AND_CREATOR,
  },
  {
    op: 'Subscription.streamTick',
    query: `subscription($id: ID!) { streamTick(streamId: $id) { at giftedRoses } }`,
    variables: (w) => ({ id: w.streamId }),
    trigger: async (w) => {
      const res = await w.api.http('/v1/events', {
        method: 'POST',
        token: w.keys.creator.EVENTS_WRITE.secret,
        json: {
          events: [
            {
              eventId: unique('sub-'),
              streamId: w.streamId,
              type: 'GIFT',
              occurredAt: new Date().toISOString(),
              viewerId: 'sub-viewer',
              gift: { name: 'rose', count: 2, coinValue: 1 },
            },
          ],
        },
      });
      if (res.status !== 202) throw new Error(`trigger events: ${res.status} ${res.text}`);
    },
    expect: BRAND_AND_CREATOR,
  },
  {
    op: 'Subscription.offerUpdated',
    query: `subscription($id: ID!) { offerUpdated(offerId: $id) { id version } }`,
    variables: (w) => ({ id: w.offerId }),
    trigger: async (w) => {
      await ok(
        w.api.gql(
          `mutation($id: ID!) { postOfferMessage(offerId: $id, body: "live") { id } }`,
          { id: w.offerId },
          w.brand.accessToken,
        ),
      );
    },
    expect: BRAND_AND_CREATOR,
  },
  {
    // Per user: the creator's message notifies the brand's members, and nobody else hears of it.
    op: 'Subscription.notificationAdded',
    query: `subscription { notificationAdded { id kind message } }`,
    variables: () => ({}),
    trigger: async (w) => {
      await ok(
        w.api.gql(
          `mutation($id: ID!) { postOfferMessage(offerId: $id, body: "to the brand") { id } }`,
          { id: w.offerId },
          w.creator.accessToken,
        ),
      );
    },
    expect: PEOPLE,
    receivers: ['owner', 'manager', 'viewer'],
  },
];
