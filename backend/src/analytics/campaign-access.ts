import { CAMPAIGN_COLUMNS, CampaignEntity } from '../campaigns/campaign.entity';
import { agencyReachesBrandSql } from '../identity/access/access-policy.service';
import type { Actor } from '../platform/auth/actor';
import type { UnitOfWork } from '../platform/database/unit-of-work';
import { NotFoundError } from '../platform/errors';
import { requireUuid } from '../platform/validation/ids';

/**
 * The campaign, if the actor may read it, in ONE statement: the campaign row and whether the actor
 * reaches its brand through an agency grant. It is the rule `AccessPolicy.require(actor,
 * 'organization', [brandId], 'read')` applies (a campaign belongs to its brand): any role reads,
 * and a role is a direct membership (people; from the session), the key's own organization (API
 * keys), or a membership of an agency the brand granted. Deciding it on the row spares the
 * separate membership-wide grant lookup (`AccessPolicy.rolesOf`) on the report's path; anyone
 * else gets NOT_FOUND, as from the policy.
 */
export async function readableCampaign(
  uow: UnitOfWork,
  actor: Actor,
  campaignId: string,
): Promise<CampaignEntity> {
  requireUuid(campaignId, 'Campaign');
  const [row] = await uow.query<(CampaignEntity & { viaAgency: boolean })[]>(
    `SELECT ${CAMPAIGN_COLUMNS},
            ${agencyReachesBrandSql('c.brand_id', '$2::uuid')} AS "viaAgency"
       FROM campaigns c WHERE c.id = $1`,
    [campaignId, actor.kind === 'user' ? actor.userId : null],
  );
  if (!row) throw new NotFoundError('Campaign', campaignId);
  const { viaAgency, ...campaign } = row;
  const direct =
    actor.kind === 'user'
      ? actor.memberships.has(campaign.brandId)
      : actor.organizationId === campaign.brandId;
  if (!direct && !viaAgency) throw new NotFoundError('Campaign', campaignId);
  return campaign;
}
