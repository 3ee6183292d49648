import { OrganizationKind } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import type { UserActor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { BadUserInputError, NotFoundError } from '../../platform/errors';
import { AccessPolicy } from '../access/access-policy.service';
import { AuditService } from '../audit/audit.service';
import { AgencyGrantEntity, OrganizationEntity } from '../entities';

/** A brand OWNER lets an agency act on the brand's campaigns, and takes it back. */
@Injectable()
export class AgencyGrantsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  async grant(actor: UserActor, brandId: string, agencyId: string): Promise<AgencyGrantEntity> {
    this.access.requireMember(actor, brandId, 'admin');
    return this.uow.run(async () => {
      const [brand, agency] = await Promise.all([
        this.uow.repo(OrganizationEntity).findOneBy({ id: brandId }),
        this.uow.repo(OrganizationEntity).findOneBy({ id: agencyId }),
      ]);
      if (brand?.kind !== OrganizationKind.BRAND)
        throw BadUserInputError.field('brandId', 'must be a brand organization');
      if (!agency) throw new NotFoundError('Organization', agencyId);
      if (agency.kind !== OrganizationKind.AGENCY)
        throw BadUserInputError.field('agencyId', 'must be an agency organization');
      await this.uow.query(
        `INSERT INTO agency_grants (brand_id, agency_id, granted_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [brandId, agencyId, actor.userId],
      );
      await this.audit.record({
        organizationId: brandId,
        actorUserId: actor.userId,
        action: 'agency.granted',
        subjectType: 'Organization',
        subjectId: agencyId,
        detail: `${agency.name} may now manage ${brand.name}'s campaigns`,
      });
      return this.uow.repo(AgencyGrantEntity).findOneByOrFail({ brandId, agencyId });
    });
  }

  async revoke(actor: UserActor, brandId: string, agencyId: string): Promise<boolean> {
    this.access.requireMember(actor, brandId, 'admin');
    return this.uow.run(async () => {
      const result = await this.uow.repo(AgencyGrantEntity).delete({ brandId, agencyId });
      if (!result.affected) return false;
      await this.audit.record({
        organizationId: brandId,
        actorUserId: actor.userId,
        action: 'agency.revoked',
        subjectType: 'Organization',
        subjectId: agencyId,
      });
      return true;
    });
  }
}
