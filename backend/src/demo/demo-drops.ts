import { DropStatus, DropTrigger } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { RedeemCouponService } from '../coupons/redemption/redeem-coupon.service';
import { RollbackRedemptionService } from '../coupons/redemption/rollback-redemption.service';
import { DropClaims } from '../drops/drop-claims.service';
import { DropScheduling } from '../drops/drop-scheduling.service';
import { DropTriggers } from '../drops/drop-triggers.service';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { DemoClock } from './demo-clock';
import { REDEEMED_SHARE } from './demo-data';
import { viewerId } from './demo-events';
import { DemoRandom } from './demo-random';
import type { DemoDeal } from './demo-types';

const MINUTE = 60_000;
/** Shoppers check out over the minutes after a drop, this far apart. */
const REDEMPTION_SPACING_MS = 40_000;
/** Refunds come a while after the order. */
const ROLLBACK_AFTER_MS = 2 * 60 * MINUTE;

/** What happens in one drop of the demo: viewers claim, shoppers redeem, a few orders come back. */
export interface DropStory {
  /** Open it first (a MANUAL drop); GIFT_MILESTONE drops were opened by the gifts. */
  open: boolean;
  /** Viewers `<key>-v<from>` .. `<key>-v<from + count - 1>` claim one rose each. */
  viewers: { key: string; from: number; count: number };
  /** When it opened in the story (it is moved there). */
  openedAt: Date;
  /** Prefix of the order ids. */
  orders: string;
  rnd: DemoRandom;
  /** Who has shopped in this pool already (one use per customer). */
  shoppers: Set<string>;
  rollbacks: number;
  redeemAfterMs: number;
}

/** Drops of the demo through the drop and coupon services: scheduled, opened, claimed, redeemed. */
@Injectable()
export class DemoDrops {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly scheduling: DropScheduling,
    private readonly triggers: DropTriggers,
    private readonly claims: DropClaims,
    private readonly redeemer: RedeemCouponService,
    private readonly rollbacks: RollbackRedemptionService,
    private readonly clock: DemoClock,
  ) {}

  open(deal: DemoDeal, dropId: string) {
    return this.triggers.openManually(deal.brand.actor, dropId);
  }

  /**
   * One finished drop in ONE transaction: opened (MANUAL), claimed out by viewers, some codes
   * redeemed and rolled back, then moved to `openedAt`. Nobody sees its claims at the seeding's
   * "now" first, so the workers' live rollups never count them in the wrong minute.
   */
  story(deal: DemoDeal, dropId: string, story: DropStory): Promise<{ redeemed: number; rolledBack: number }> {
    return this.uow.run(async () => {
      if (story.open) await this.triggers.openManually(deal.brand.actor, dropId);
      const { key, from, count } = story.viewers;
      const codes = await this.claimAll(deal, dropId, key, from, count);
      const sold = await this.redeemShare(
        deal,
        codes,
        story.orders,
        story.rnd,
        story.shoppers,
        story.rollbacks,
      );
      await this.clock.moveDrop(dropId, story.openedAt);
      await this.clock.spreadRedemptions(
        dropId,
        new Date(story.openedAt.getTime() + story.redeemAfterMs),
        REDEMPTION_SPACING_MS,
        ROLLBACK_AFTER_MS,
      );
      return sold;
    });
  }

  async schedule(
    deal: DemoDeal,
    streamId: string,
    trigger: DropTrigger,
    roseCount: number,
    extra: { milestoneRoses?: number; claimWindowSeconds?: number } = {},
  ): Promise<string> {
    const drop = await this.scheduling.schedule(deal.brand.actor, {
      campaignId: deal.campaignId,
      streamId,
      trigger,
      roseCount,
      perViewerLimit: 1,
      claimWindowSeconds: extra.claimWindowSeconds ?? 300,
      milestoneRoses: extra.milestoneRoses ?? null,
      couponPoolId: deal.poolId,
    });
    return drop.id;
  }

  /** `count` viewers (from index `from`) claim one rose each; returns the codes they got. */
  async claimAll(deal: DemoDeal, dropId: string, key: string, from: number, count: number) {
    const codes: { viewer: string; code: string }[] = [];
    for (let i = 0; i < count; i++) {
      const viewer = viewerId(key, from + i);
      const claim = await this.claims.claim(deal.creator.actor, dropId, viewer);
      if (claim.couponCode) codes.push({ viewer, code: claim.couponCode });
    }
    return codes;
  }

  /**
   * Viewers shop with their codes at the brand's checkout: about REDEEMED_SHARE of them (all of
   * `codes` when `share` is 1), each shopper once per pool (its per-customer limit), and
   * `rollbacks` of those orders are refunded.
   */
  async redeemShare(
    deal: DemoDeal,
    codes: { viewer: string; code: string }[],
    key: string,
    rnd: DemoRandom,
    shoppers: Set<string>,
    rollbacks: number,
    share = REDEEMED_SHARE,
  ): Promise<{ redeemed: number; rolledBack: number }> {
    const chosen = codes.filter((c) => !shoppers.has(c.viewer) && (share >= 1 || rnd.chance(share)));
    for (const c of chosen) shoppers.add(c.viewer);
    const ids: string[] = [];
    for (const [i, { viewer, code }] of chosen.entries()) {
      const { redemption } = await this.redeemer.redeem(deal.brand.actor, {
        code,
        customerId: `shopper-${viewer}`,
        orderId: `${key}-order-${i + 1}`,
        orderAmount: {
          amount: `${rnd.int(24, 160)}.${String(rnd.int(0, 99)).padStart(2, '0')}`,
          currency: 'USD',
        },
        idempotencyKey: `demo-${code}`,
      });
      ids.push(redemption.id);
    }
    for (const id of ids.slice(0, rollbacks))
      await this.rollbacks.rollback(deal.brand.actor, id, 'Order refunded: the parcel came back');
    return { redeemed: ids.length, rolledBack: Math.min(rollbacks, ids.length) };
  }

  async expectStatus(dropId: string, status: DropStatus): Promise<void> {
    const [row] = await this.uow.query<{ status: string }[]>(`SELECT status FROM drops WHERE id = $1`, [
      dropId,
    ]);
    if (row?.status !== status)
      throw new Error(
        `Demo drop ${dropId} is ${row?.status}, expected ${status} (did the milestone not open it?)`,
      );
  }
}
