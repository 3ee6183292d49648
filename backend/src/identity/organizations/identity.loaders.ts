import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { RequestContext } from '../../platform/auth/request-context';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { MembershipEntity, OrganizationEntity, UserEntity } from '../entities';

function byKey<T, K>(rows: T[], key: (row: T) => K): Map<K, T> {
  return new Map(rows.map((row) => [key(row), row]));
}

function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
  return out;
}

/** Per-request batch loaders of identity objects (one query per field, however many parents). */
@Injectable()
export class IdentityLoaders {
  constructor(private readonly uow: UnitOfWork) {}

  organization(ctx: RequestContext): DataLoader<string, OrganizationEntity | undefined> {
    return ctx.loaders.get(
      'identity.organization',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const map = byKey(
            await this.uow.repo(OrganizationEntity).findBy({ id: In([...ids]) }),
            (o) => o.id,
          );
          return ids.map((id) => map.get(id));
        }),
    );
  }

  user(ctx: RequestContext): DataLoader<string, UserEntity | undefined> {
    return ctx.loaders.get(
      'identity.user',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const map = byKey(await this.uow.repo(UserEntity).findBy({ id: In([...ids]) }), (u) => u.id);
          return ids.map((id) => map.get(id));
        }),
    );
  }

  memberships(ctx: RequestContext): DataLoader<string, MembershipEntity[]> {
    return ctx.loaders.get(
      'identity.memberships',
      () =>
        new DataLoader(async (userIds: readonly string[]) => {
          const rows = await this.uow
            .repo(MembershipEntity)
            .find({ where: { userId: In([...userIds]) }, order: { createdAt: 'ASC' } });
          const map = groupBy(rows, (m) => m.userId);
          return userIds.map((id) => map.get(id) ?? []);
        }),
    );
  }

  /** Related organizations through agency grants: brands of an agency or agencies of a brand. */
  grantPartners(ctx: RequestContext, side: 'brands' | 'agencies'): DataLoader<string, OrganizationEntity[]> {
    return ctx.loaders.get(
      `identity.grants.${side}`,
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const [self, other] = side === 'brands' ? ['agency_id', 'brand_id'] : ['brand_id', 'agency_id'];
          const rows = await this.uow.query<(OrganizationEntity & { owner: string })[]>(
            `SELECT g.${self} AS owner, o.id, o.kind, o.name, o.slug, o.created_at AS "createdAt"
           FROM agency_grants g JOIN organizations o ON o.id = g.${other}
          WHERE g.${self} = ANY($1) ORDER BY o.name`,
            [[...ids]],
          );
          const map = groupBy(rows, (r) => r.owner);
          return ids.map((id) =>
            (map.get(id) ?? []).map(({ owner: _owner, ...org }) => org as OrganizationEntity),
          );
        }),
    );
  }
}
