import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { AccessPolicy } from '../../identity/access/access-policy.service';
import type { RequestContext } from '../../platform/auth/request-context';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { isUuid } from '../../platform/validation/ids';
import { CouponPoolEntity } from '../entities';

/**
 * Per-request loaders of pools for fields of other types (`Campaign.couponPools`,
 * `Drop.couponPool`): one query per field however many parents, and only pools the request's
 * actor may read (the campaign's brand side: members, granted agencies, its API keys). A creator
 * looking at its drop sees no pool, as `couponPool(id)` would answer NOT_FOUND.
 */
@Injectable()
export class CouponPoolLoaders {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
  ) {}

  byId(ctx: RequestContext): DataLoader<string, CouponPoolEntity | null> {
    return ctx.loaders.get(
      'coupons.poolById',
      () =>
        new DataLoader<string, CouponPoolEntity | null>(async (ids) => {
          const pools = await this.readable(ctx, 'p.id', ids);
          const byId = new Map(pools.map((p) => [p.id, p]));
          return ids.map((id) => byId.get(id) ?? null);
        }),
    );
  }

  byCampaign(ctx: RequestContext): DataLoader<string, CouponPoolEntity[]> {
    return ctx.loaders.get(
      'coupons.poolsByCampaign',
      () =>
        new DataLoader<string, CouponPoolEntity[]>(async (campaignIds) => {
          const pools = await this.readable(ctx, 'p.campaign_id', campaignIds);
          return campaignIds.map((id) => pools.filter((p) => p.campaignId === id));
        }),
    );
  }

  private async readable(
    ctx: RequestContext,
    column: 'p.id' | 'p.campaign_id',
    ids: readonly string[],
  ): Promise<CouponPoolEntity[]> {
    const wanted = ids.filter(isUuid);
    if (!ctx.actor || wanted.length === 0) return [];
    const orgs = await this.access.organizationIds(ctx.actor, 'read');
    if (orgs.length === 0) return [];
    return this.uow
      .repo(CouponPoolEntity)
      .createQueryBuilder('p')
      .innerJoin('campaigns', 'c', 'c.id = p.campaign_id')
      .where(`${column} = ANY(:ids)`, { ids: wanted })
      .andWhere('c.brand_id = ANY(:orgs)', { orgs })
      .orderBy('p.createdAt', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }
}
