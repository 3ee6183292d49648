import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../../identity/access/access-policy.service';
import { AuditService } from '../../identity/audit/audit.service';
import { OfferQueries } from '../../negotiation/offer-queries.service';
import type { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { BadUserInputError, ConflictError, NotFoundError } from '../../platform/errors';
import { isUuid, requireUuid } from '../../platform/validation/ids';
import { CouponPoolEntity } from '../entities';
import { CampaignLookup } from './campaign-lookup';
import { COUPON_POOL } from './coupon-access';

const CLOSED_CAMPAIGN = new Set(['COMPLETED', 'CANCELLED']);

/**
 * Binds a pool's codes to a creator for attribution: every redemption of its codes from then on
 * records that creator (`Redemption.creator`). The creator must have an ACCEPTED offer in the
 * pool's campaign (the same rule drops follow). Reassigning moves future redemptions only; the
 * ones already made keep the creator they were recorded with.
 */
@Injectable()
export class AssignCouponPoolService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly campaigns: CampaignLookup,
    private readonly offers: OfferQueries,
    private readonly audit: AuditService,
  ) {}

  async assign(actor: Actor, poolId: string, creatorId: string): Promise<CouponPoolEntity> {
    this.access.requireUser(actor);
    requireUuid(poolId, 'Coupon pool');
    await this.access.require(actor, COUPON_POOL, [poolId], 'write');
    if (!isUuid(creatorId) || !(await this.campaigns.creatorExists(creatorId)))
      throw new NotFoundError('Creator', String(creatorId).slice(0, 64));
    const repo = this.uow.repo(CouponPoolEntity);
    const pool = await repo.findOneBy({ id: poolId });
    const campaign = pool && (await this.campaigns.find(pool.campaignId));
    if (!pool || !campaign) throw new NotFoundError('Coupon pool', poolId);
    if (CLOSED_CAMPAIGN.has(campaign.status))
      throw new ConflictError(
        `Campaign ${campaign.id} is ${campaign.status}; its pools cannot be reassigned`,
      );
    if (!(await this.offers.acceptedTerms(pool.campaignId, creatorId)))
      throw BadUserInputError.field(
        'creatorId',
        "the creator has no accepted offer in this pool's campaign; codes go only to creators who accepted",
      );
    if (pool.creatorId === creatorId) return pool;
    await this.uow.run(async () => {
      await this.uow.query(`UPDATE coupon_pools SET creator_id = $2 WHERE id = $1`, [poolId, creatorId]);
      await this.audit.record({
        organizationId: campaign.brandId,
        actorUserId: actor.userId,
        action: 'coupon_pool.assigned',
        subjectType: 'CouponPool',
        subjectId: poolId,
        detail: `${pool.name}: redemptions attributed to creator ${creatorId}${pool.creatorId ? ` (was ${pool.creatorId})` : ''}`,
      });
    });
    return repo.findOneByOrFail({ id: poolId });
  }
}
