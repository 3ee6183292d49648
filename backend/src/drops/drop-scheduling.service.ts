import { Dec, DropStatus, DropTrigger, roundToCurrency } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { BadUserInputError, ConflictError, NotFoundError } from '../platform/errors';
import { JobsService } from '../platform/queue/jobs.service';
import { isUuid, requireUuid } from '../platform/validation/ids';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { LedgerService } from '../ledger/ledger.service';
import { OfferQueries } from '../negotiation/offer-queries.service';
import { ScheduleDropInput } from './dto/schedule-drop.input';
import { DropSettlement } from './drop-settlement.service';
import { DropEntity } from './drop.entity';
import { OpenDropJob } from './drop.jobs';

/** Claims spread over this many pool rows (fewer for small drops). See docs/adr/0007. */
export const MAX_SHARDS = 16;

/** Scheduling drops (with their budget reservation) and cancelling them. */
@Injectable()
export class DropScheduling {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly ledger: LedgerService,
    private readonly offers: OfferQueries,
    private readonly settlement: DropSettlement,
    private readonly jobs: JobsService,
  ) {}

  async schedule(actor: Actor, input: ScheduleDropInput): Promise<DropEntity> {
    this.access.requireUser(actor);
    await this.access.require(actor, 'campaign', [input.campaignId], 'write');
    if (!isUuid(input.streamId)) throw new NotFoundError('Stream', input.streamId);
    this.checkTrigger(input);
    const id = randomUUID();
    await this.uow.run(async () => {
      const [campaign] = await this.uow.query<{ status: string; currency: string; roseUnitPrice: string }[]>(
        `SELECT status, currency, rose_unit_price AS "roseUnitPrice" FROM campaigns WHERE id = $1`,
        [input.campaignId],
      );
      if (campaign.status !== 'ACTIVE')
        throw new ConflictError(`Drops need an ACTIVE campaign (this one is ${campaign.status})`);
      const [stream] = await this.uow.query<{ creatorId: string; status: string }[]>(
        `SELECT creator_id AS "creatorId", status FROM streams WHERE id = $1`,
        [input.streamId],
      );
      if (!stream) throw new NotFoundError('Stream', input.streamId);
      if (stream.status !== 'SCHEDULED' && stream.status !== 'LIVE')
        throw new ConflictError(`Drops need a SCHEDULED or LIVE stream (this one is ${stream.status})`);
      const terms = await this.offers.acceptedTerms(input.campaignId, stream.creatorId);
      if (!terms)
        throw BadUserInputError.field(
          'input.streamId',
          "the stream's creator has no accepted offer in this campaign",
        );
      // One scheduler at a time per offer, so concurrent drops cannot overrun the allowance together.
      await this.uow.query(`SELECT 1 FROM offers WHERE id = $1 FOR UPDATE`, [terms.offerId]);
      const [{ used }] = await this.uow.query<{ used: number }[]>(
        `SELECT coalesce(sum(rose_count), 0)::int AS used FROM drops
          WHERE campaign_id = $1 AND creator_id = $2 AND status <> 'CANCELLED'`,
        [input.campaignId, stream.creatorId],
      );
      if (used + input.roseCount > terms.roseAllowance)
        throw BadUserInputError.field(
          'input.roseCount',
          `exceeds the creator's rose allowance (${terms.roseAllowance - used} of ${terms.roseAllowance} left)`,
        );
      if (input.couponPoolId) await this.checkPool(input.couponPoolId, input.campaignId);
      const cost = roundToCurrency(new Dec(campaign.roseUnitPrice).times(input.roseCount), campaign.currency);
      await this.uow.repo(DropEntity).insert({
        id,
        campaignId: input.campaignId,
        streamId: input.streamId,
        creatorId: stream.creatorId,
        trigger: input.trigger,
        status: DropStatus.SCHEDULED,
        roseCount: input.roseCount,
        perViewerLimit: input.perViewerLimit ?? 1,
        scheduledAt: input.trigger === DropTrigger.SCHEDULED ? (input.scheduledAt ?? null) : null,
        milestoneRoses: input.trigger === DropTrigger.GIFT_MILESTONE ? (input.milestoneRoses ?? null) : null,
        claimWindowSeconds: input.claimWindowSeconds ?? 120,
        couponPoolId: input.couponPoolId ?? null,
        unitPrice: campaign.roseUnitPrice,
        cost,
        currency: campaign.currency,
        claimedRoses: 0,
        claimCount: 0,
      });
      const shards = Math.min(MAX_SHARDS, input.roseCount);
      await this.uow.query(
        `INSERT INTO drop_shards (drop_id, shard, remaining)
         SELECT $1, s, ($2 / $3) + CASE WHEN s < ($2 % $3) THEN 1 ELSE 0 END FROM generate_series(0, $3 - 1) s`,
        [id, input.roseCount, shards],
      );
      if (new Dec(cost).gt(0)) await this.ledger.reserve(input.campaignId, cost, { type: 'drop', id });
    });
    if (input.trigger === DropTrigger.SCHEDULED && input.scheduledAt) {
      // Committed SCHEDULED: were Redis down, the drops restorer re-creates the open job.
      await this.jobs.enqueueRecoverable(
        OpenDropJob,
        { dropId: id },
        { jobId: `open-${id}`, delay: Math.max(0, input.scheduledAt.getTime() - Date.now()) },
      );
    }
    return this.uow.repo(DropEntity).findOneByOrFail({ id });
  }

  /** Before opening: everything released. While open: closes and settles what was claimed. */
  async cancel(actor: Actor, dropId: string): Promise<DropEntity> {
    this.access.requireUser(actor);
    requireUuid(dropId, 'Drop');
    await this.access.require(actor, 'drop', [dropId], 'write');
    const drop = await this.uow.repo(DropEntity).findOneByOrFail({ id: dropId });
    await this.access.require(actor, 'campaign', [drop.campaignId], 'write');
    const done =
      (await this.settlement.abandon(dropId, DropStatus.CANCELLED)) ||
      (await this.settlement.close(dropId, DropStatus.CANCELLED));
    if (!done) throw new ConflictError(`The drop is already ${drop.status}`);
    return this.uow.repo(DropEntity).findOneByOrFail({ id: dropId });
  }

  private checkTrigger(input: ScheduleDropInput): void {
    if (input.trigger === DropTrigger.SCHEDULED) {
      if (!input.scheduledAt)
        throw BadUserInputError.field('input.scheduledAt', 'is required for a SCHEDULED drop');
      if (input.scheduledAt <= new Date())
        throw BadUserInputError.field('input.scheduledAt', 'must be in the future');
    }
    if (input.trigger === DropTrigger.GIFT_MILESTONE && !input.milestoneRoses)
      throw BadUserInputError.field('input.milestoneRoses', 'is required for a GIFT_MILESTONE drop');
  }

  private async checkPool(poolId: string, campaignId: string): Promise<void> {
    const rows = isUuid(poolId)
      ? await this.uow.query<unknown[]>(`SELECT 1 FROM coupon_pools WHERE id = $1 AND campaign_id = $2`, [
          poolId,
          campaignId,
        ])
      : [];
    if (!rows.length)
      throw BadUserInputError.field('input.couponPoolId', 'is not a coupon pool of this campaign');
  }
}
