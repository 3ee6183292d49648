import { eventually, subscribe } from '@bouquet/testing';
import { subscribedTo } from '../../testing/live';
import { startTestApp, TestApp } from '../../testing/test-app';
import { dropTopic } from '../drop-events';
import { claim, dropWorld, openDrop, scheduleDrop } from './drop-world';

const DROP_UPDATED = `subscription($id: ID!) {
  dropUpdated(dropId: $id) { id status claimedRoses remainingRoses claimCount }
}`;

interface Update {
  dropUpdated: {
    id: string;
    status: string;
    claimedRoses: number;
    remainingRoses: number;
    claimCount: number;
  };
}

describe('dropUpdated', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('each update carries the counts of that moment, not those of the first event', async () => {
    const w = await dropWorld(t);
    const dropId = (await scheduleDrop(t, w, { roseCount: 10 })).data.scheduleDrop.id as string;
    const sub = subscribe<Update>(t.baseUrl, DROP_UPDATED, { id: dropId }, w.brand.accessToken);
    try {
      // graphql-ws does not acknowledge a single subscription: wait for it to reach Redis.
      await subscribedTo(t, dropTopic(dropId));
      await openDrop(t, w, dropId);
      await eventually(async () => sub.received.some((u) => u.data?.dropUpdated.status === 'OPEN'));

      for (let i = 0; i < 4; i++)
        expect((await claim(t, w.claimKey, dropId, `viewer-${i}`)).status).toBe(201);
      await eventually(async () => sub.received.some((u) => u.data?.dropUpdated.claimCount === 4));
      const last = sub.received.at(-1)!.data!.dropUpdated;
      expect(last).toEqual({ id: dropId, status: 'OPEN', claimedRoses: 4, remainingRoses: 6, claimCount: 4 });

      for (let i = 4; i < 10; i++)
        expect((await claim(t, w.claimKey, dropId, `viewer-${i}`)).status).toBe(201);
      await eventually(async () => sub.received.some((u) => u.data?.dropUpdated.status === 'COMPLETED'));
      const done = sub.received.find((u) => u.data?.dropUpdated.status === 'COMPLETED')!.data!.dropUpdated;
      expect(done).toEqual({
        id: dropId,
        status: 'COMPLETED',
        claimedRoses: 10,
        remainingRoses: 0,
        claimCount: 10,
      });
      expect(sub.failure()).toBeUndefined();
    } finally {
      await sub.close();
    }
  });
});
