import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { RequestContext } from '../platform/auth/request-context';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { OfferMessageEntity, OfferRevisionEntity } from './offer.entities';

function group<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
}

/** Revisions and messages of many offers in one query each. */
@Injectable()
export class OfferLoaders {
  constructor(private readonly uow: UnitOfWork) {}

  revisions(ctx: RequestContext): DataLoader<string, OfferRevisionEntity[]> {
    return ctx.loaders.get(
      'offers.revisions',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.uow
            .repo(OfferRevisionEntity)
            .find({ where: { offerId: In([...ids]) }, order: { number: 'ASC' } });
          const map = group(rows, (r) => r.offerId);
          return ids.map((id) => map.get(id) ?? []);
        }),
    );
  }

  messages(ctx: RequestContext): DataLoader<string, OfferMessageEntity[]> {
    return ctx.loaders.get(
      'offers.messages',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const rows = await this.uow
            .repo(OfferMessageEntity)
            .find({ where: { offerId: In([...ids]) }, order: { seq: 'ASC' } });
          const map = group(rows, (r) => r.offerId);
          return ids.map((id) => map.get(id) ?? []);
        }),
    );
  }
}
