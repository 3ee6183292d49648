import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import type { Actor } from '../../platform/auth/actor';
import { CurrentActor } from '../../platform/auth/current-actor.decorator';
import { ExportsService } from '../exports.service';
import { ExportType, toExportType } from './export.types';

/**
 * `export(id)`. The mutations that start exports belong to the domains that own the data
 * (`exportCouponCodes` in coupons, `exportCampaignReport` in analytics).
 */
@Resolver(() => ExportType)
export class ExportResolver {
  constructor(private readonly exports: ExportsService) {}

  @Query(() => ExportType)
  async export(
    @Args('id', { type: () => ID }) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<ExportType> {
    return toExportType(await this.exports.get(actor, id));
  }
}
