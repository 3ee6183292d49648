import { ApiScope, DropStatus, DropTrigger } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { RollupsService } from '../analytics/rollups.service';
import { IngestService } from '../ingest/ingest.service';
import type { ApiKeyActor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { StreamsService } from '../streams/streams.service';
import { DEMO_LIVE_STREAM, PastStreamPlan } from './demo-data';
import { DemoDrops } from './demo-drops';
import {
  chunks,
  DemoEvent,
  milestoneReachedAt,
  rosesBefore,
  scriptEvents,
  viewerCount,
  withIds,
} from './demo-events';
import { DemoRandom } from './demo-random';
import type { DemoDeal, StreamTally } from './demo-types';

const MINUTE = 60_000;

const minuteOf = (start: Date, minute: number, plusMs = 0) =>
  new Date(start.getTime() + minute * MINUTE + plusMs);

/**
 * Streams of the demo, played through the real paths: events go through the ingest service (so
 * totals, milestones and rollups are real) and drops through the drop and coupon services
 * (DemoDrops); finished stories are then moved to the time they belong to (DemoClock).
 */
@Injectable()
export class DemoStreams {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly streams: StreamsService,
    private readonly ingest: IngestService,
    private readonly drops: DemoDrops,
    private readonly rollups: RollupsService,
  ) {}

  /** A finished stream with a sold-out MANUAL drop and a GIFT_MILESTONE drop, each next to a spike. */
  async past(plan: PastStreamPlan, deal: DemoDeal, key: string): Promise<StreamTally> {
    const day = new Date();
    day.setUTCHours(plan.hour, 0, 0, 0);
    const start = new Date(day.getTime() - plan.daysAgo * 24 * 60 * MINUTE);
    const stream = await this.streams.schedule(deal.creator.actor, {
      creatorId: deal.creator.creatorId,
      title: plan.title,
      scheduledStartAt: start,
    });
    const surges = [
      { minute: plan.manual.minute, minutes: 3, factor: 7 },
      { minute: plan.milestone.minute, minutes: 3, factor: 6 },
      ...(plan.raid === undefined ? [] : [{ minute: plan.raid, minutes: 2, factor: 8 }]),
    ];
    const events = withIds(
      key,
      scriptEvents({ key, streamId: stream.id, startedAt: start, surges, ...plan }),
    );
    const milestoneRoses = rosesBefore(events, minuteOf(start, plan.milestone.minute)) + 1;
    const manual = await this.drops.schedule(deal, stream.id, DropTrigger.MANUAL, plan.manual.roses);
    const gifted = await this.drops.schedule(
      deal,
      stream.id,
      DropTrigger.GIFT_MILESTONE,
      plan.milestone.roses,
      {
        milestoneRoses,
      },
    );
    await this.send(deal, events);
    await this.drops.expectStatus(gifted, DropStatus.OPEN);

    const rnd = new DemoRandom(plan.seed);
    const shoppers = new Set<string>();
    const manualAt = minuteOf(start, plan.manual.minute, 4_000);
    const sold = await this.drops.story(deal, manual, {
      open: true,
      viewers: { key, from: 0, count: plan.manual.roses },
      openedAt: manualAt,
      orders: key,
      rnd,
      shoppers,
      rollbacks: 2,
      redeemAfterMs: 3 * MINUTE,
    });
    const soldToo = await this.drops.story(deal, gifted, {
      open: false,
      viewers: { key, from: Math.floor(plan.manual.roses / 2), count: plan.milestone.roses },
      openedAt: milestoneReachedAt(events, milestoneRoses) as Date,
      orders: `${key}-m`,
      rnd,
      shoppers,
      rollbacks: 0,
      redeemAfterMs: 2 * MINUTE,
    });

    const end = minuteOf(start, plan.minutes);
    await this.send(deal, [
      { eventId: `${key}-end`, streamId: stream.id, type: 'STREAM_ENDED', occurredAt: end.toISOString() },
    ]);
    await this.rollUp(stream.id);
    return {
      streamId: stream.id,
      events: events.length + 1,
      drops: 2,
      claims: plan.manual.roses + plan.milestone.roses,
      redemptions: sold.redeemed + soldToo.redeemed,
      rollbacks: sold.rolledBack + soldToo.rolledBack,
    };
  }

  /**
   * The LIVE stream: events up to now with an earlier sold-out drop next to a spike, a drop open
   * right now with claims and a few redemptions, and a GIFT_MILESTONE drop waiting for more roses.
   */
  async live(deal: DemoDeal, key: string): Promise<StreamTally> {
    const plan = DEMO_LIVE_STREAM;
    const now = new Date();
    const start = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE - plan.minutesAgo * MINUTE);
    const stream = await this.streams.schedule(deal.creator.actor, {
      creatorId: deal.creator.creatorId,
      title: plan.title,
      scheduledStartAt: start,
      externalId: plan.externalId,
    });
    const events = withIds(
      key,
      scriptEvents({
        ...plan,
        key,
        // The stream-side integration knows the stream by its platform id.
        streamId: plan.externalId,
        startedAt: start,
        minutes: plan.minutesAgo + 1,
        surges: [{ minute: plan.manual.minute, minutes: 3, factor: 7 }],
        until: now,
      }),
    );
    const earlier = await this.drops.schedule(deal, stream.id, DropTrigger.MANUAL, plan.manual.roses);
    await this.send(deal, events);
    const rnd = new DemoRandom(plan.seed);
    const shoppers = new Set<string>();
    const sold = await this.drops.story(deal, earlier, {
      open: true,
      viewers: { key, from: 0, count: plan.manual.roses },
      openedAt: minuteOf(start, plan.manual.minute, 4_000),
      orders: key,
      rnd,
      shoppers,
      rollbacks: 1,
      redeemAfterMs: 2 * MINUTE,
    });

    const open = await this.drops.schedule(deal, stream.id, DropTrigger.MANUAL, plan.open.roses, {
      claimWindowSeconds: plan.open.windowSeconds,
    });
    await this.drops.open(deal, open);
    // The viewers of the last minutes claim from the open drop now.
    const recent = Math.max(0, viewerCount(events) - plan.open.claims);
    const openCodes = await this.drops.claimAll(deal, open, key, recent, plan.open.claims);
    const fresh = openCodes.filter((c) => !shoppers.has(c.viewer)).slice(0, 5);
    const soldNow = await this.drops.redeemShare(deal, fresh, `${key}-now`, rnd, shoppers, 0, 1);

    const [{ gifted }] = await this.uow.query<{ gifted: string }[]>(
      `SELECT gifted_roses AS gifted FROM streams WHERE id = $1`,
      [stream.id],
    );
    await this.drops.schedule(deal, stream.id, DropTrigger.GIFT_MILESTONE, plan.milestone.roses, {
      milestoneRoses: Number(gifted) + plan.milestone.aboveNow,
    });
    await this.rollUp(stream.id);
    return {
      streamId: stream.id,
      events: events.length,
      drops: 3,
      claims: plan.manual.roses + plan.open.claims,
      redemptions: sold.redeemed + soldNow.redeemed,
      rollbacks: sold.rolledBack,
    };
  }

  /** Posts events the way the stream-side integration does (its EVENTS_WRITE key), 1,000 a batch. */
  private async send(deal: DemoDeal, events: DemoEvent[]): Promise<void> {
    const bot: ApiKeyActor = {
      kind: 'apiKey',
      keyId: 'demo-seeder',
      organizationId: deal.creator.organizationId,
      scopes: new Set([ApiScope.EVENTS_WRITE]),
    };
    for (const batch of chunks(events, 1000)) await this.ingest.ingest(bot, { events: batch });
  }

  /** Recomputes every minute of the stream from the raw events, claims and redemptions. */
  private async rollUp(streamId: string): Promise<void> {
    await this.rollups.markStream(streamId);
    await this.rollups.processDirty(streamId);
  }

  /** A stream still to come. */
  async upcoming(deal: Pick<DemoDeal, 'creator'>, title: string, inHours: number): Promise<void> {
    await this.streams.schedule(deal.creator.actor, {
      creatorId: deal.creator.creatorId,
      title,
      scheduledStartAt: new Date(Date.now() + inHours * 60 * MINUTE),
    });
  }
}
