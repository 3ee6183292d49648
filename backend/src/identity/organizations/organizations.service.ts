import { OrganizationKind } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { NotFoundError } from '../../platform/errors';
import { isUuid } from '../../platform/validation/ids';
import { AccessPolicy } from '../access/access-policy.service';
import { OrganizationEntity } from '../entities';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
  ) {}

  /**
   * An organization the actor may see: one it acts in, a creator (public profiles), or an agency
   * that one of its brands granted. Anything else is NOT_FOUND.
   */
  async getVisible(actor: Actor, id: string): Promise<OrganizationEntity> {
    const org = isUuid(id) ? await this.uow.repo(OrganizationEntity).findOneBy({ id }) : null;
    if (!org) throw new NotFoundError('Organization', id);
    if (org.kind === OrganizationKind.CREATOR || (await this.access.roleIn(actor, id))) return org;
    const mine = await this.access.organizationIds(actor);
    const [granted] = await this.uow.query<unknown[]>(
      `SELECT 1 FROM agency_grants WHERE agency_id = $1 AND brand_id = ANY($2) LIMIT 1`,
      [id, mine],
    );
    if (!granted) throw new NotFoundError('Organization', id);
    return org;
  }
}
