import { OfferStatus } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { decodeCursor, Page, pageSize, toPage } from '../platform/graphql/pagination';
import { isUuid } from '../platform/validation/ids';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { effectiveStatus, OfferContext, OfferContexts } from './offer-context';
import { OfferRevisionEntity } from './offer.entities';

export interface OfferFilter {
  campaignId?: string | null;
  creatorId?: string | null;
  status?: OfferStatus | null;
}

/** What negotiation settled for a campaign and a creator, for drops and coupons to rely on. */
export interface AcceptedTerms {
  offerId: string;
  roseAllowance: number;
  couponDiscountPercent: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  feeAmount: string;
  currency: string;
}

const STATUS_SQL: Record<OfferStatus, string> = {
  PENDING: `o.status = 'PENDING' AND (o.expires_at IS NULL OR o.expires_at > now())`,
  EXPIRED: `(o.status = 'EXPIRED' OR (o.status = 'PENDING' AND o.expires_at <= now()))`,
  ACCEPTED: `o.status = 'ACCEPTED'`,
  DECLINED: `o.status = 'DECLINED'`,
  WITHDRAWN: `o.status = 'WITHDRAWN'`,
};

@Injectable()
export class OfferQueries {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly contexts: OfferContexts,
    private readonly access: AccessPolicy,
  ) {}

  async get(actor: Actor, id: string): Promise<OfferContext> {
    await this.access.require(actor, 'offer', [id], 'read');
    return this.withEffectiveStatus(await this.contexts.load(id));
  }

  /** Offers of the actor's brands' campaigns and to the actor's creators, newest first. */
  async list(
    actor: Actor,
    filter: OfferFilter,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<OfferContext>> {
    const limit = pageSize(first, 20);
    const cursor = decodeCursor(after, 2);
    const orgs = await this.access.organizationIds(actor);
    const where = [`(c.brand_id = ANY($1) OR cr.organization_id = ANY($1))`];
    const params: unknown[] = [orgs];
    for (const [column, value] of [
      ['o.campaign_id', filter.campaignId],
      ['o.creator_id', filter.creatorId],
    ] as const) {
      if (value === undefined || value === null) continue;
      if (!isUuid(value)) return toPage([], limit, 0, () => []);
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    if (filter.status) where.push(STATUS_SQL[filter.status]);
    const from = `FROM offers o JOIN campaigns c ON c.id = o.campaign_id JOIN creators cr ON cr.id = o.creator_id WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.uow.query<{ total: number }[]>(
      `SELECT count(*)::int AS total ${from}`,
      params,
    );
    const pageParams = [...params];
    let keyset = '';
    if (cursor) {
      pageParams.push(cursor[0], cursor[1]);
      keyset = ` AND (o.created_at, o.id) < ($${pageParams.length - 1}::timestamptz, $${pageParams.length}::uuid)`;
    }
    const rows = await this.uow.query<OfferContext[]>(
      `SELECT o.id, o.campaign_id AS "campaignId", o.creator_id AS "creatorId", o.status, o.awaiting, o.version,
              o.revision_count AS "revisionCount", o.expires_at AS "expiresAt", o.accepted_at AS "acceptedAt",
              o.created_at AS "createdAt", o.updated_at AS "updatedAt", c.brand_id AS "brandId", c.currency,
              c.status AS "campaignStatus", c.name AS "campaignName", cr.organization_id AS "creatorOrganizationId",
              cr.handle AS "creatorHandle"
       ${from}${keyset} ORDER BY o.created_at DESC, o.id DESC LIMIT ${limit + 1}`,
      pageParams,
    );
    return toPage(
      rows.map((r) => this.withEffectiveStatus(r)),
      limit,
      total,
      (r) => [r.createdAt.toISOString(), r.id],
    );
  }

  /** The latest terms of the ACCEPTED offer between a campaign and a creator, or null. */
  async acceptedTerms(campaignId: string, creatorId: string): Promise<AcceptedTerms | null> {
    const [row] = await this.uow.query<AcceptedTerms[]>(
      `SELECT o.id AS "offerId", r.rose_allowance AS "roseAllowance", r.coupon_discount_percent AS "couponDiscountPercent",
              r.starts_at AS "startsAt", r.ends_at AS "endsAt", r.fee_amount AS "feeAmount", r.currency
         FROM offers o JOIN offer_revisions r ON r.offer_id = o.id AND r.number = o.revision_count
        WHERE o.campaign_id = $1 AND o.creator_id = $2 AND o.status = 'ACCEPTED'
        ORDER BY o.accepted_at DESC LIMIT 1`,
      [campaignId, creatorId],
    );
    return row ?? null;
  }

  latestTerms(offer: OfferContext): Promise<OfferRevisionEntity> {
    return this.uow
      .repo(OfferRevisionEntity)
      .findOneByOrFail({ offerId: offer.id, number: offer.revisionCount });
  }

  private withEffectiveStatus(offer: OfferContext): OfferContext {
    const status = effectiveStatus(offer);
    return status === offer.status ? offer : { ...offer, status, awaiting: null };
  }
}
