import { eventually, subscribe } from '@bouquet/testing';
import { signUp } from '../../testing/factories';
import { subscribedTo } from '../../testing/live';
import { startTestApp, TestApp } from '../../testing/test-app';
import { createCampaign, creatorIdOf, sendOffer } from '../../negotiation/tests/negotiation-factories';
import { notificationTopic } from '../notifications.service';

describe('notifications', () => {
  let t: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // A second api process on the same database and Redis: live events must cross processes.
    other = await startTestApp({ db: t.db, redisPrefix: t.redisPrefix, env: { ROLE: 'api' } });
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('delivers notificationAdded live on another process, lists them, and marks them read', async () => {
    const [brand, creator] = await Promise.all([signUp(t, 'BRAND'), signUp(t, 'CREATOR')]);
    const live = subscribe(
      other.baseUrl,
      `subscription { notificationAdded { id kind message subjectId createdAt readAt } }`,
      {},
      creator.accessToken,
    );
    try {
      await subscribedTo(other, notificationTopic(creator.userId));
      const campaignId = await createCampaign(t, brand);
      const offer = (await sendOffer(t, brand, campaignId, await creatorIdOf(t, creator))).data.sendOffer;
      await eventually(async () => live.received.length > 0, 10_000);
      expect(live.received[0].data).toEqual({
        notificationAdded: {
          id: expect.any(String),
          kind: 'offer.sent',
          message: expect.stringContaining('sent you an offer'),
          subjectId: offer.id,
          createdAt: expect.any(String),
          readAt: null,
        },
      });
    } finally {
      await live.close();
    }
    const list = await t.gql(
      `{ notifications(unreadOnly: true) { totalCount nodes { id kind } } }`,
      {},
      creator.accessToken,
    );
    expect(list.data.notifications.totalCount).toBe(1);
    const id = list.data.notifications.nodes[0].id;
    const read = await t.gql(
      `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`,
      { ids: [id, 'not-an-id'] },
      creator.accessToken,
    );
    expect(read.data.markNotificationsRead).toBe(1);
    expect(
      (await t.gql(`{ notifications(unreadOnly: true) { totalCount } }`, {}, creator.accessToken)).data
        .notifications.totalCount,
    ).toBe(0);
    // Someone else's notification cannot be marked read.
    expect(
      (
        await t.gql(
          `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`,
          { ids: [id] },
          brand.accessToken,
        )
      ).data.markNotificationsRead,
    ).toBe(0);
  });

  it('refuses subscriptions without credentials', async () => {
    const live = subscribe(t.baseUrl, `subscription { notificationAdded { id } }`, {});
    try {
      await eventually(async () => live.received.length > 0 || live.failure() !== undefined, 5000);
      const first = live.received[0] as { errors?: { extensions?: { code?: string } }[] } | undefined;
      expect(first?.errors?.[0]?.extensions?.code ?? 'failed').toMatch(/UNAUTHENTICATED|failed/);
    } finally {
      await live.close();
    }
  });
});
