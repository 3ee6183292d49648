import { MembershipRole, OfferStatus, Party } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { ForbiddenError, NotFoundError } from '../platform/errors';
import { requireUuid } from '../platform/validation/ids';
import { AccessPolicy } from '../identity/access/access-policy.service';
import type { OfferEntity } from './offer.entities';

/** An offer with what deciding about it needs: the brand, the creator's organization, the campaign. */
export interface OfferContext extends OfferEntity {
  brandId: string;
  creatorOrganizationId: string;
  currency: string;
  campaignStatus: string;
  campaignName: string;
  creatorHandle: string;
}

const WRITE = new Set<MembershipRole>([MembershipRole.OWNER, MembershipRole.MANAGER]);

/** While PENDING, a passed `expiresAt` already counts as EXPIRED, whether or not the job ran. */
export function effectiveStatus(
  offer: Pick<OfferEntity, 'status' | 'expiresAt'>,
  now = new Date(),
): OfferStatus {
  return offer.status === OfferStatus.PENDING && offer.expiresAt && offer.expiresAt <= now
    ? OfferStatus.EXPIRED
    : offer.status;
}

/** Loads offers with their parties and decides which side an actor speaks for. */
@Injectable()
export class OfferContexts {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
  ) {}

  async load(id: string, lock = false): Promise<OfferContext> {
    requireUuid(id, 'Offer');
    const [row] = await this.uow.query<OfferContext[]>(
      `SELECT o.id, o.campaign_id AS "campaignId", o.creator_id AS "creatorId", o.status, o.awaiting, o.version,
              o.revision_count AS "revisionCount", o.expires_at AS "expiresAt", o.accepted_at AS "acceptedAt",
              o.created_at AS "createdAt", o.updated_at AS "updatedAt",
              c.brand_id AS "brandId", c.currency, c.status AS "campaignStatus", c.name AS "campaignName",
              cr.organization_id AS "creatorOrganizationId", cr.handle AS "creatorHandle"
         FROM offers o JOIN campaigns c ON c.id = o.campaign_id JOIN creators cr ON cr.id = o.creator_id
        WHERE o.id = $1 ${lock ? 'FOR UPDATE OF o' : ''}`,
      [id],
    );
    if (!row) throw new NotFoundError('Offer', id);
    return row;
  }

  /** Owners for the access policy: the brand (and its agencies) and the creator's organization. */
  async owners(ids: string[]): Promise<Map<string, string[]>> {
    const rows = await this.uow.query<{ id: string; brand_id: string; org: string }[]>(
      `SELECT o.id, c.brand_id, cr.organization_id AS org FROM offers o
         JOIN campaigns c ON c.id = o.campaign_id JOIN creators cr ON cr.id = o.creator_id WHERE o.id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, [r.brand_id, r.org]]));
  }

  /**
   * The side the actor acts for on this offer. Another tenant gets NOT_FOUND; a viewer FORBIDDEN.
   * Someone on both sides speaks for the side whose move it is.
   */
  async partyOf(actor: Actor, offer: OfferContext): Promise<Party> {
    if (actor.kind !== 'user') throw new ForbiddenError('API keys cannot negotiate');
    const brandRole = await this.access.roleIn(actor, offer.brandId);
    const creatorRole = await this.access.roleIn(actor, offer.creatorOrganizationId);
    if (!brandRole && !creatorRole) throw new NotFoundError('Offer', offer.id);
    const sides: Party[] = [];
    if (brandRole && WRITE.has(brandRole)) sides.push(Party.BRAND);
    if (creatorRole && WRITE.has(creatorRole)) sides.push(Party.CREATOR);
    if (!sides.length) throw new ForbiddenError('Your role can read this offer but not act on it');
    return offer.awaiting && sides.includes(offer.awaiting) ? offer.awaiting : sides[0];
  }
}
