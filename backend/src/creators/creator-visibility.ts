import { OrganizationKind } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../identity/access/access-policy.service';
import type { Actor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { ForbiddenError } from '../platform/errors';

/**
 * Who may browse the creator side of the marketplace. Creator profiles are public to every member
 * of an organization; streams are visible to the creator's own members and to brand and agency
 * members (they pick streams for drops), not to other creators.
 */
@Injectable()
export class CreatorVisibility {
  private readonly kinds = new WeakMap<Actor, Promise<Set<OrganizationKind>>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
  ) {}

  /** The kinds of the organizations the actor acts in (computed once per actor object). */
  kindsOf(actor: Actor): Promise<Set<OrganizationKind>> {
    let kinds = this.kinds.get(actor);
    if (!kinds) {
      kinds = this.access.organizationIds(actor).then(async (ids) => {
        if (!ids.length) return new Set<OrganizationKind>();
        const rows = await this.uow.query<{ kind: OrganizationKind }[]>(
          `SELECT DISTINCT kind FROM organizations WHERE id = ANY($1)`,
          [ids],
        );
        return new Set(rows.map((r) => r.kind));
      });
      this.kinds.set(actor, kinds);
    }
    return kinds;
  }

  /** Brands and agencies (and creators) browse creators; an actor with no organization may not. */
  async requireBrowser(actor: Actor): Promise<void> {
    if (!(await this.kindsOf(actor)).size)
      throw new ForbiddenError('Only organization members browse creators');
  }

  /** True when the actor acts for a brand or an agency (may see every creator's streams). */
  async isBrandSide(actor: Actor): Promise<boolean> {
    const kinds = await this.kindsOf(actor);
    return kinds.has(OrganizationKind.BRAND) || kinds.has(OrganizationKind.AGENCY);
  }

  /** May the actor read the streams of a creator owned by this organization? */
  async canReadStreamsOf(actor: Actor, creatorOrganizationId: string): Promise<boolean> {
    if (await this.access.roleIn(actor, creatorOrganizationId)) return true;
    return this.isBrandSide(actor);
  }
}
