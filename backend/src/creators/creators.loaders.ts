import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import type { RequestContext } from '../platform/auth/request-context';
import type { CreatorEntity } from './creator.entity';
import { CreatorsService } from './creators.service';

/** Per-request batch loaders of creators (one query per field, however many parents). */
@Injectable()
export class CreatorsLoaders {
  constructor(private readonly creators: CreatorsService) {}

  byId(ctx: RequestContext): DataLoader<string, CreatorEntity | undefined> {
    return ctx.loaders.get(
      'creators.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const map = new Map((await this.creators.byIds(ids)).map((c) => [c.id, c]));
          return ids.map((id) => map.get(id));
        }),
    );
  }

  byOrganization(ctx: RequestContext): DataLoader<string, CreatorEntity | undefined> {
    return ctx.loaders.get(
      'creators.byOrganization',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const map = new Map((await this.creators.byOrganizationIds(ids)).map((c) => [c.organizationId, c]));
          return ids.map((id) => map.get(id));
        }),
    );
  }
}
