import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { PubSubService } from '../platform/pubsub/pubsub.service';
import type { TimeBucketType } from './analytics.types';

/** At most one streamTick per stream per this many ms (per process). */
export const TICK_INTERVAL_MS = 250;

export const streamTickTopic = (streamId: string) => `streamTick:${streamId}`;

/**
 * Publishes the current minute's bucket of a stream, computed from the raw tables, coalesced:
 * a burst of batches within TICK_INTERVAL_MS gives one publication, and only while some api
 * replica has a streamTick subscriber for the stream (nobody watching: no scan).
 */
@Injectable()
export class StreamTicks {
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly pubsub: PubSubService,
  ) {}

  touch(streamId: string): void {
    if (this.pending.has(streamId)) return;
    const timer = setTimeout(() => {
      this.pending.delete(streamId);
      void this.publish(streamId).catch(() => undefined);
    }, TICK_INTERVAL_MS);
    timer.unref();
    this.pending.set(streamId, timer);
  }

  async currentBucket(streamId: string, now = new Date()): Promise<TimeBucketType> {
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const [row] = await this.uow.query<
      { roses: number; viewers: number; claims: number; claimed: number; redemptions: number }[]
    >(
      `SELECT
         (SELECT COALESCE(sum(roses), 0)::int FROM stream_events
           WHERE stream_id = $1 AND occurred_at >= $2 AND occurred_at < $2 + interval '1 minute') AS roses,
         (SELECT count(DISTINCT viewer_id)::int FROM stream_events
           WHERE stream_id = $1 AND occurred_at >= $2 AND occurred_at < $2 + interval '1 minute') AS viewers,
         (SELECT count(*)::int FROM drops d JOIN drop_claims c ON c.drop_id = d.id
           WHERE d.stream_id = $1 AND c.claimed_at >= $2 AND c.claimed_at < $2 + interval '1 minute') AS claims,
         (SELECT COALESCE(sum(c.roses), 0)::int FROM drops d JOIN drop_claims c ON c.drop_id = d.id
           WHERE d.stream_id = $1 AND c.claimed_at >= $2 AND c.claimed_at < $2 + interval '1 minute') AS claimed,
         (SELECT count(*)::int FROM redemptions WHERE stream_id = $1 AND status = 'SUCCEEDED'
           AND redeemed_at >= $2 AND redeemed_at < $2 + interval '1 minute') AS redemptions`,
      [streamId, minute],
    );
    return {
      at: minute,
      giftedRoses: row.roses,
      viewers: row.viewers,
      claims: row.claims,
      claimedRoses: row.claimed,
      redemptions: row.redemptions,
    };
  }

  private async publish(streamId: string): Promise<void> {
    // The bucket is a scan of the current minute's raw events: only worth it for someone watching.
    if (!(await this.pubsub.hasSubscribers(streamTickTopic(streamId)))) return;
    const bucket = await this.currentBucket(streamId);
    await this.pubsub.publish(streamTickTopic(streamId), { streamId, bucket });
  }
}
