import { Injectable } from '@nestjs/common';

export type StreamStatusHandler = (streamId: string, status: string) => Promise<void>;

/**
 * Lets domains react to a stream's lifecycle without streams depending on them (drops open when a
 * stream goes LIVE and close when it ends). Handlers run after the transition has committed.
 */
@Injectable()
export class StreamHooks {
  private readonly handlers: StreamStatusHandler[] = [];

  onStatusChanged(handler: StreamStatusHandler): void {
    this.handlers.push(handler);
  }

  async statusChanged(streamId: string, status: string): Promise<void> {
    for (const handler of this.handlers) await handler(streamId, status);
  }
}
