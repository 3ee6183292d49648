import { checkMoney, describeMoneyProblem, OrganizationKind, roundToCurrency } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../identity/access/access-policy.service';
import type { SignUpInput } from '../identity/dto/sign-up.input';
import type { OrganizationEntity } from '../identity/entities';
import type { Actor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { BadUserInputError, NotFoundError } from '../platform/errors';
import type { MoneyType } from '../platform/graphql/money.types';
import { decodeCursor, Page, pageSize, toPage } from '../platform/graphql/pagination';
import { isUuid } from '../platform/validation/ids';
import { CREATOR_COLUMNS, CreatorEntity } from './creator.entity';
import { isCountryCode, prefixTsQuery } from './creator-search';
import { CreatorVisibility } from './creator-visibility';
import type { CreatorFilter, CreatorProfileInput } from './dto/creator-profile.input';

const UNIQUE_VIOLATION = '23505';

export function creatorRate(creator: Pick<CreatorEntity, 'rateAmount' | 'rateCurrency'>): MoneyType | null {
  if (creator.rateAmount == null || !creator.rateCurrency) return null;
  return {
    amount: roundToCurrency(creator.rateAmount, creator.rateCurrency),
    currency: creator.rateCurrency,
  };
}

type Row = CreatorEntity & { rank?: number };

@Injectable()
export class CreatorsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly visibility: CreatorVisibility,
  ) {}

  /** Owners of creators for the access policy: the creator's organization. */
  async owners(ids: string[]): Promise<Map<string, string[]>> {
    const rows = await this.uow.query<{ id: string; organization_id: string }[]>(
      `SELECT id, organization_id FROM creators WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, [r.organization_id]]));
  }

  /** Sign-up hook: the profile of a new CREATOR organization, in the sign-up transaction. */
  async createForOrganization(organization: OrganizationEntity, input: SignUpInput): Promise<void> {
    if (organization.kind !== OrganizationKind.CREATOR) return;
    const handle = input.creatorHandle;
    if (!handle)
      throw BadUserInputError.field('input.creatorHandle', 'is required for a creator organization');
    const taken = () => BadUserInputError.field('input.creatorHandle', `handle ${handle} is already taken`);
    await this.uow.run(async () => {
      const [exists] = await this.uow.query<unknown[]>(`SELECT 1 FROM creators WHERE handle = $1`, [handle]);
      if (exists) throw taken();
      try {
        await this.uow.query(
          `INSERT INTO creators (organization_id, handle, display_name) VALUES ($1, $2, $3)`,
          [organization.id, handle, input.displayName.slice(0, 100)],
        );
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw taken();
        throw error;
      }
    });
  }

  async byIds(ids: readonly string[]): Promise<CreatorEntity[]> {
    return this.uow.query<CreatorEntity[]>(`SELECT ${CREATOR_COLUMNS} FROM creators c WHERE c.id = ANY($1)`, [
      ids.filter(isUuid),
    ]);
  }

  async byOrganizationIds(ids: readonly string[]): Promise<CreatorEntity[]> {
    return this.uow.query<CreatorEntity[]>(
      `SELECT ${CREATOR_COLUMNS} FROM creators c WHERE c.organization_id = ANY($1)`,
      [ids.filter(isUuid)],
    );
  }

  /** A creator any organization member may see. */
  async get(actor: Actor, id: string): Promise<CreatorEntity> {
    await this.visibility.requireBrowser(actor);
    const [creator] = await this.byIds([id]);
    if (!creator) throw new NotFoundError('Creator', id);
    return creator;
  }

  async updateProfile(actor: Actor, creatorId: string, input: CreatorProfileInput): Promise<CreatorEntity> {
    this.access.requireUser(actor);
    await this.access.require(actor, 'creator', [creatorId], 'write');
    if (input.country != null && !isCountryCode(input.country))
      throw BadUserInputError.field('input.country', 'country must be an upper-case ISO-3166 alpha-2 code');
    if (input.rate != null) {
      const problem = checkMoney(input.rate);
      if (problem)
        throw BadUserInputError.field('input.rate', describeMoneyProblem(problem, input.rate.currency));
    }
    const sets: string[] = [];
    const params: unknown[] = [creatorId];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (input.displayName != null) set('display_name', input.displayName);
    if (input.bio !== undefined) set('bio', input.bio === null || input.bio.trim() === '' ? null : input.bio);
    if (input.categories != null) set('categories', [...new Set(input.categories)]);
    if (input.country !== undefined) set('country', input.country);
    if (input.followerCount != null) set('follower_count', input.followerCount);
    if (input.averageViewers != null) set('average_viewers', input.averageViewers);
    if (input.rate !== undefined) {
      set('rate_amount', input.rate?.amount ?? null);
      set('rate_currency', input.rate?.currency ?? null);
    }
    return this.uow.run(async () => {
      if (sets.length) await this.uow.query(`UPDATE creators SET ${sets.join(', ')} WHERE id = $1`, params);
      const [creator] = await this.byIds([creatorId]);
      return creator;
    });
  }

  /**
   * Discovery: text search (prefix words over handle, display name and bio), categories (any of),
   * country, minimum followers, maximum rate (same currency only). Sorted by relevance when
   * searching, then followers (desc), then id; keyset cursors.
   */
  async discover(
    actor: Actor,
    filter: CreatorFilter | null | undefined,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<CreatorEntity>> {
    await this.visibility.requireBrowser(actor);
    const limit = pageSize(first, 20);
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const tsquery = filter?.search ? prefixTsQuery(filter.search) : null;
    const q = tsquery ? param(tsquery) : null;
    if (q) where.push(`c.search_vector @@ to_tsquery('simple', ${q})`);
    if (filter?.categories?.length) {
      const categories = filter.categories.map((c) => c.trim().toLowerCase());
      where.push(`c.categories && ${param(categories)}::text[]`);
    }
    if (filter?.country != null) {
      if (!isCountryCode(filter.country))
        throw BadUserInputError.field(
          'filter.country',
          'country must be an upper-case ISO-3166 alpha-2 code',
        );
      where.push(`c.country = ${param(filter.country)}`);
    }
    if (filter?.minFollowers != null) where.push(`c.follower_count >= ${param(filter.minFollowers)}`);
    if (filter?.maxRate != null) {
      const problem = checkMoney(filter.maxRate, { allowZero: true });
      if (problem)
        throw BadUserInputError.field(
          'filter.maxRate',
          describeMoneyProblem(problem, filter.maxRate.currency),
        );
      where.push(
        `c.rate_currency = ${param(filter.maxRate.currency)} AND c.rate_amount <= ${param(filter.maxRate.amount)}::numeric`,
      );
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];

    const cursor = decodeCursor(after, q ? 3 : 2);
    let cursorSql = '';
    if (cursor && q) {
      const [r, f, id] = [param(cursor[0]), param(cursor[1]), param(cursor[2])];
      cursorSql = `WHERE (x.rank < ${r}::real OR (x.rank = ${r}::real AND (x."followerCount" < ${f}::int
        OR (x."followerCount" = ${f}::int AND x.id > ${id}::uuid))))`;
    } else if (cursor) {
      const [f, id] = [param(cursor[0]), param(cursor[1])];
      cursorSql = `WHERE (x."followerCount" < ${f}::int OR (x."followerCount" = ${f}::int AND x.id > ${id}::uuid))`;
    }
    if (
      cursor &&
      !cursor.every((v, i) => (i === cursor.length - 1 ? isUuid(v) : /^[\d.e+-]+$/.test(String(v))))
    )
      throw BadUserInputError.field('after', 'is not a cursor returned by this list');
    const rankSql = q ? `, ts_rank(c.search_vector, to_tsquery('simple', ${q})) AS rank` : '';
    const order = q ? `x.rank DESC, x."followerCount" DESC, x.id` : `x."followerCount" DESC, x.id`;
    const sql = `SELECT x.* FROM (SELECT ${CREATOR_COLUMNS}${rankSql} FROM creators c ${whereSql}) x
      ${cursorSql} ORDER BY ${order} LIMIT ${limit + 1}`;
    const [rows, [{ count }]] = await Promise.all([
      this.uow.query<Row[]>(sql, params),
      this.uow.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM creators c ${whereSql}`,
        countParams,
      ),
    ]);
    return toPage<CreatorEntity>(rows, limit, count, (row: Row) =>
      q ? [row.rank as number, row.followerCount, row.id] : [row.followerCount, row.id],
    );
  }
}
