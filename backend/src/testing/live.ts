import { eventually } from '@bouquet/testing';
import { PubSubService } from '../platform/pubsub/pubsub.service';
import type { TestApp } from './test-app';

/**
 * Waits until a process of the deployment subscribes to `topic` in Redis. graphql-ws acknowledges
 * the socket, not the operation: the resolver checks access first and only then subscribes, so an
 * event published before that (on a loaded host, well after any fixed pause) never arrives.
 */
export async function subscribedTo(t: TestApp, topic: string): Promise<void> {
  const pubsub = t.app.get(PubSubService);
  await eventually(`a subscriber of ${topic}`, () => pubsub.hasSubscribers(topic), 10_000, 20);
}

/** Waits until no process subscribes to `topic` any more (a closed subscription unsubscribes later). */
export async function unsubscribedFrom(t: TestApp, topic: string): Promise<void> {
  const pubsub = t.app.get(PubSubService);
  await eventually(
    `no subscriber of ${topic}`,
    async () => !(await pubsub.hasSubscribers(topic)),
    10_000,
    20,
  );
}
