import DataLoader from 'dataloader';
import type { RequestContext } from '../platform/auth/request-context';
import { CampaignStatus, Dec, OrganizationKind } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { AuditService } from '../identity/audit/audit.service';
import { LedgerService } from '../ledger/ledger.service';
import type { Actor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { BadUserInputError, BudgetExceededError, ConflictError, NotFoundError } from '../platform/errors';
import { decodeCursor, Page, pageSize, toPage } from '../platform/graphql/pagination';
import { isUuid, requireUuid } from '../platform/validation/ids';
import { CAMPAIGN_COLUMNS, CampaignEntity } from './campaign.entity';
import { CampaignHooks } from './campaign-hooks';
import { checkBudget, checkRoseUnitPrice, DEFAULT_ROSE_UNIT_PRICE } from './campaign-money';
import { CampaignAction, campaignTransition, OPEN_CAMPAIGN_STATES } from './campaign-transitions';
import type { CreateCampaignInput, UpdateCampaignInput } from './dto/campaign.input';

function checkDates(startsAt: Date | null | undefined, endsAt: Date | null | undefined): void {
  for (const [name, d] of [
    ['startsAt', startsAt],
    ['endsAt', endsAt],
  ] as const)
    if (d && Number.isNaN(d.getTime()))
      throw BadUserInputError.field(`input.${name}`, `${name} must be a date`);
  if (startsAt && endsAt && endsAt <= startsAt)
    throw BadUserInputError.field('input.endsAt', 'endsAt must be after startsAt');
}

@Injectable()
export class CampaignsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly hooks: CampaignHooks,
  ) {}

  /** Owners of campaigns for the access policy: the brand (agencies with a grant come through it). */
  async owners(ids: string[]): Promise<Map<string, string[]>> {
    const rows = await this.uow.query<{ id: string; brand_id: string }[]>(
      `SELECT id, brand_id FROM campaigns WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, [r.brand_id]]));
  }

  /**
   * Readers beside the owners: the organization of every creator with an offer on the campaign (in
   * any status). They read it through campaign(id) as they do through Offer.campaign and
   * Drop.campaign; they change nothing through it.
   */
  async readers(ids: string[]): Promise<Map<string, string[]>> {
    const rows = await this.uow.query<{ id: string; orgs: string[] }[]>(
      `SELECT o.campaign_id AS id, array_agg(DISTINCT cr.organization_id) AS orgs
         FROM offers o JOIN creators cr ON cr.id = o.creator_id
        WHERE o.campaign_id = ANY($1) GROUP BY o.campaign_id`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.orgs]));
  }

  async byIds(ids: readonly string[], lock = false): Promise<CampaignEntity[]> {
    return this.uow.query<CampaignEntity[]>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM campaigns c WHERE c.id = ANY($1)${lock ? ' FOR UPDATE' : ''}`,
      [ids.filter(isUuid)],
    );
  }

  /** Per-request batch loader of campaigns by id (for `campaign` fields of other domains' types). */
  loader(ctx: RequestContext): DataLoader<string, CampaignEntity | undefined> {
    return ctx.loaders.get(
      'campaigns.byId',
      () =>
        new DataLoader(async (ids: readonly string[]) => {
          const map = new Map((await this.byIds(ids)).map((c) => [c.id, c]));
          return ids.map((id) => map.get(id));
        }),
    );
  }

  private async load(id: string, lock = false): Promise<CampaignEntity> {
    const [campaign] = await this.byIds([id], lock);
    if (!campaign) throw new NotFoundError('Campaign', id);
    return campaign;
  }

  async get(actor: Actor, id: string): Promise<CampaignEntity> {
    // The brand side, and the creators with an offer on it (see `readers`).
    await this.access.requireReadable(actor, 'campaign', [id]);
    return this.load(id);
  }

  async create(actor: Actor, input: CreateCampaignInput): Promise<CampaignEntity> {
    this.access.requireUser(actor);
    requireUuid(input.brandId, 'Organization');
    await this.access.require(actor, 'organization', [input.brandId], 'write');
    const [brand] = await this.uow.query<{ kind: OrganizationKind }[]>(
      `SELECT kind FROM organizations WHERE id = $1`,
      [input.brandId],
    );
    if (brand?.kind !== OrganizationKind.BRAND)
      throw BadUserInputError.field('input.brandId', 'campaigns belong to a brand organization');
    checkBudget(input.budget, 'input.budget');
    const currency = input.budget.currency;
    const price = input.roseUnitPrice ?? { amount: DEFAULT_ROSE_UNIT_PRICE, currency };
    checkRoseUnitPrice(price, currency, 'input.roseUnitPrice');
    checkDates(input.startsAt, input.endsAt);
    return this.uow.run(async () => {
      const [{ id }] = await this.uow.query<{ id: string }[]>(
        `INSERT INTO campaigns (brand_id, name, brief, objective, currency, budget, rose_unit_price, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          input.brandId,
          input.name,
          input.brief,
          input.objective,
          currency,
          input.budget.amount,
          price.amount,
          input.startsAt ?? null,
          input.endsAt ?? null,
        ],
      );
      return this.load(id);
    });
  }

  async update(actor: Actor, id: string, input: UpdateCampaignInput): Promise<CampaignEntity> {
    this.access.requireUser(actor);
    await this.access.require(actor, 'campaign', [id], 'write');
    return this.uow.run(async () => {
      const campaign = await this.load(id, true);
      if (!OPEN_CAMPAIGN_STATES.includes(campaign.status))
        throw new ConflictError(`A ${campaign.status} campaign cannot be changed`);
      const sets: string[] = [];
      const params: unknown[] = [id];
      const set = (column: string, value: unknown) => {
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      };
      if (input.budget != null) {
        if (input.budget.currency !== campaign.currency)
          throw BadUserInputError.field(
            'input.budget.currency',
            `must be the campaign currency ${campaign.currency}; a campaign has one currency`,
          );
        checkBudget(input.budget, 'input.budget');
        const held = new Dec(campaign.spent).plus(campaign.reserved);
        if (new Dec(input.budget.amount).lt(held))
          throw new BudgetExceededError(
            `The budget cannot drop below spent + reserved (${held.toFixed()} ${campaign.currency})`,
          );
        set('budget', input.budget.amount);
      }
      const startsAt = input.startsAt === undefined ? campaign.startsAt : input.startsAt;
      const endsAt = input.endsAt === undefined ? campaign.endsAt : input.endsAt;
      checkDates(startsAt, endsAt);
      if (input.startsAt !== undefined) set('starts_at', input.startsAt);
      if (input.endsAt !== undefined) set('ends_at', input.endsAt);
      if (input.name != null) set('name', input.name);
      if (input.brief != null) set('brief', input.brief);
      if (input.objective != null) set('objective', input.objective);
      if (sets.length) await this.uow.query(`UPDATE campaigns SET ${sets.join(', ')} WHERE id = $1`, params);
      return this.load(id);
    });
  }

  /**
   * Applies a lifecycle action (CONFLICT when the table forbids it). Ending a campaign (COMPLETED or
   * CANCELLED) settles it in the same transaction: the domains registered with `CampaignHooks`
   * wind down (open drops settle their claimed roses, scheduled drops are cancelled), whatever is
   * still reserved goes back to the budget, and the end is audited.
   */
  async transition(actor: Actor, id: string, action: CampaignAction): Promise<CampaignEntity> {
    this.access.requireUser(actor);
    await this.access.require(actor, 'campaign', [id], 'write');
    return this.uow.run(async () => {
      const campaign = await this.load(id, true);
      const next = campaignTransition(campaign.status, action);
      if (!next)
        throw new ConflictError(`Cannot ${action} a ${campaign.status} campaign`, {
          status: campaign.status,
          action,
        });
      await this.uow.query(`UPDATE campaigns SET status = $2 WHERE id = $1`, [id, next]);
      if (next === CampaignStatus.CANCELLED || next === CampaignStatus.COMPLETED) {
        await this.hooks.closingCampaign(id, next);
        await this.ledger.releaseAll(id, { type: 'campaign', id });
        const after = await this.load(id);
        await this.audit.record({
          organizationId: campaign.brandId,
          actorUserId: actor.userId,
          action: next === CampaignStatus.CANCELLED ? 'campaign.cancelled' : 'campaign.completed',
          subjectType: 'Campaign',
          subjectId: id,
          detail: `${next === CampaignStatus.CANCELLED ? 'Cancelled' : 'Completed'} "${campaign.name}" (was ${campaign.status}, ${campaign.reserved} ${campaign.currency} reserved); spent ${after.spent} ${campaign.currency}, nothing left reserved`,
        });
        return after;
      }
      return this.load(id);
    });
  }

  /** Campaigns of the brands the actor acts for (own or granted), newest first. */
  async list(
    actor: Actor,
    brandId: string | null | undefined,
    status: CampaignStatus | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<CampaignEntity>> {
    const limit = pageSize(first, 20);
    let brands: string[];
    if (brandId != null) {
      await this.access.require(actor, 'organization', [brandId], 'read');
      brands = [brandId];
    } else {
      brands = await this.access.organizationIds(actor, 'read');
    }
    const params: unknown[] = [brands];
    const where = ['c.brand_id = ANY($1)'];
    if (status) {
      params.push(status);
      where.push(`c.status = $${params.length}`);
    }
    const countParams = [...params];
    const countWhere = where.join(' AND ');
    const cursor = decodeCursor(after, 2);
    if (cursor) {
      if (typeof cursor[0] !== 'string' || !isUuid(cursor[1]) || Number.isNaN(Date.parse(`${cursor[0]}Z`)))
        throw BadUserInputError.field('after', 'is not a cursor returned by this list');
      params.push(cursor[0], cursor[1]);
      where.push(
        `(c.created_at, c.id) < (($${params.length - 1}::timestamp AT TIME ZONE 'UTC'), $${params.length}::uuid)`,
      );
    }
    const [rows, [{ count }]] = await Promise.all([
      this.uow.query<(CampaignEntity & { cursorTs: string })[]>(
        `SELECT ${CAMPAIGN_COLUMNS},
                to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS "cursorTs"
           FROM campaigns c WHERE ${where.join(' AND ')}
          ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit + 1}`,
        params,
      ),
      this.uow.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM campaigns c WHERE ${countWhere}`,
        countParams,
      ),
    ]);
    const page = toPage(rows, limit, count, (row) => [row.cursorTs, row.id]);
    return { ...page, nodes: page.nodes.map(({ cursorTs: _c, ...campaign }) => campaign) };
  }
}
