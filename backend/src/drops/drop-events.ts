import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PubSubService } from '../platform/pubsub/pubsub.service';

export const dropTopic = (dropId: string) => `drop:${dropId}`;
const COALESCE_MS = 250;

/**
 * Live drop updates through Redis pub/sub, coalesced: during a burst each drop publishes at most
 * once per 250 ms per process, always ending with its latest state.
 */
@Injectable()
export class DropEvents implements OnApplicationShutdown {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly pubsub: PubSubService) {}

  changed(dropId: string): void {
    if (this.pending.has(dropId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(dropId);
      void this.pubsub.publish(dropTopic(dropId), { dropId });
    }, COALESCE_MS);
    timer.unref();
    this.pending.set(dropId, timer);
  }

  /** State changes (open, close) go out at once. */
  now(dropId: string): Promise<void> {
    return this.pubsub.publish(dropTopic(dropId), { dropId });
  }

  onApplicationShutdown(): void {
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }
}
