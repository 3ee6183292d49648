import { eventually } from '@bouquet/testing';
import { PubSubService } from '../platform/pubsub/pubsub.service';
import type { TestApp } from './test-app';

/**
 * Waits until a process of the deployment subscribes to `topic` in Redis (or, with `subscribed`
 * false, until none does: a closed subscription unsubscribes a little later). graphql-ws
 * acknowledges the socket, not the operation: the resolver checks access first and only then
 * subscribes, so an event published before that (on a loaded host, well after any fixed pause)
 * never arrives.
 */
export async function subscribedTo(t: TestApp, topic: string, subscribed = true): Promise<void> {
  const pubsub = t.app.get(PubSubService);
  await eventually(
    `${subscribed ? 'a' : 'no'} subscriber of ${topic}`,
    async () => (await pubsub.hasSubscribers(topic)) === subscribed,
    10_000,
    20,
  );
}
