import { Dec } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { BudgetExceededError, ConflictError, NotFoundError } from '../platform/errors';
import type { LedgerKind } from './ledger-entry.entity';

/** What caused a movement, e.g. `{ type: 'offer', id }` or `{ type: 'drop', id }`. */
export interface LedgerRef {
  type: string;
  id: string;
}

export interface CampaignTotals {
  budget: string;
  spent: string;
  reserved: string;
}

/** A campaign whose running totals disagree with its entries (or break the budget). */
export interface LedgerInconsistency {
  campaignId: string;
  budget: string;
  spent: string;
  reserved: string;
  entriesSpent: string;
  entriesReserved: string;
}

const AMOUNT = /^(0|[1-9]\d{0,15})(\.\d{1,4})?$/;

/** A positive amount with at most 4 decimals (the ledger's precision). Callers round first. */
function checkAmount(amount: string, what = 'amount'): string {
  if (typeof amount !== 'string' || !AMOUNT.test(amount) || new Dec(amount).lte(0))
    throw new RangeError(`Ledger ${what} must be a positive decimal with at most 4 decimals, got ${amount}`);
  return amount;
}

function checkRef(ref: LedgerRef): void {
  if (!ref.type || ref.type.length > 32 || !ref.id || ref.id.length > 64)
    throw new RangeError('Ledger ref needs a type (<= 32 chars) and an id (<= 64 chars)');
}

/**
 * The budget ledger behind invariant 1 (`spent + reserved <= budget`). Each movement is ONE
 * conditional UPDATE of the campaign's running totals plus an append-only entry, in the caller's
 * transaction (or its own). A refused movement writes nothing and throws BudgetExceededError.
 *
 * Totals are derived from entries as: spent = sum(COMMIT), reserved = sum(RESERVE) - sum(RELEASE).
 * A commit from a reservation therefore writes a RELEASE of the reserved part and a COMMIT.
 * See docs/ledger.md.
 */
@Injectable()
export class LedgerService {
  constructor(private readonly uow: UnitOfWork) {}

  /** Holds `amount` of the budget (e.g. a scheduled drop's cost). */
  async reserve(campaignId: string, amount: string, ref: LedgerRef): Promise<CampaignTotals> {
    checkAmount(amount);
    checkRef(ref);
    return this.uow.run(async () => {
      const totals = await this.update(
        campaignId,
        `reserved = reserved + $2::numeric`,
        `spent + reserved + $2::numeric <= budget`,
        [amount],
      );
      if (!totals) throw new BudgetExceededError(`Reserving ${amount} would exceed the campaign budget`);
      await this.append(campaignId, 'RESERVE', amount, ref);
      return totals;
    });
  }

  /**
   * Spends `amount`. With `fromReserved` (an amount <= `amount`), that part moves out of the
   * reservation (e.g. the claimed part of a drop); the rest is new spending checked against the
   * budget. Without it, the whole amount is direct spending (e.g. an accepted offer's fee).
   */
  async commit(
    campaignId: string,
    amount: string,
    ref: LedgerRef,
    options: { fromReserved?: string } = {},
  ): Promise<CampaignTotals> {
    checkAmount(amount);
    checkRef(ref);
    const fromReserved = options.fromReserved ? checkAmount(options.fromReserved, 'fromReserved') : '0';
    if (new Dec(fromReserved).gt(amount))
      throw new RangeError('Ledger fromReserved cannot be more than the committed amount');
    return this.uow.run(async () => {
      const totals = await this.update(
        campaignId,
        `spent = spent + $2::numeric, reserved = reserved - $3::numeric`,
        `reserved >= $3::numeric AND spent + reserved - $3::numeric + $2::numeric <= budget`,
        [amount, fromReserved],
      );
      if (!totals) {
        const current = await this.totals(campaignId);
        if (new Dec(current.reserved).lt(fromReserved))
          throw new ConflictError(
            `Only ${current.reserved} is reserved; cannot commit ${fromReserved} from it`,
          );
        throw new BudgetExceededError(`Committing ${amount} would exceed the campaign budget`);
      }
      if (new Dec(fromReserved).gt(0)) await this.append(campaignId, 'RELEASE', fromReserved, ref);
      await this.append(campaignId, 'COMMIT', amount, ref);
      return totals;
    });
  }

  /** Gives `amount` of the reservation back to the budget. */
  async release(campaignId: string, amount: string, ref: LedgerRef): Promise<CampaignTotals> {
    checkAmount(amount);
    checkRef(ref);
    return this.uow.run(async () => {
      const totals = await this.update(
        campaignId,
        `reserved = reserved - $2::numeric`,
        `reserved >= $2::numeric`,
        [amount],
      );
      if (!totals) {
        const current = await this.totals(campaignId);
        throw new ConflictError(`Only ${current.reserved} is reserved; cannot release ${amount}`);
      }
      await this.append(campaignId, 'RELEASE', amount, ref);
      return totals;
    });
  }

  /**
   * Releases everything the campaign holds: one RELEASE per cause still holding a reservation,
   * and one for any remainder under `fallback`. Row-locks the campaign first.
   */
  async releaseAll(campaignId: string, fallback: LedgerRef): Promise<void> {
    await this.uow.run(async () => {
      const [locked] = await this.uow.query<{ reserved: string }[]>(
        `SELECT reserved FROM campaigns WHERE id = $1 FOR UPDATE`,
        [campaignId],
      );
      if (!locked) throw new NotFoundError('Campaign', campaignId);
      const held = await this.uow.query<{ ref_type: string; ref_id: string; held: string }[]>(
        `SELECT ref_type, ref_id,
                sum(CASE kind WHEN 'RESERVE' THEN amount WHEN 'RELEASE' THEN -amount ELSE 0 END) AS held
           FROM ledger_entries WHERE campaign_id = $1
          GROUP BY ref_type, ref_id
         HAVING sum(CASE kind WHEN 'RESERVE' THEN amount WHEN 'RELEASE' THEN -amount ELSE 0 END) > 0
          ORDER BY min(id)`,
        [campaignId],
      );
      let left = new Dec(locked.reserved);
      for (const row of held) {
        const amount = Dec.min(left, row.held);
        if (amount.lte(0)) break;
        await this.release(campaignId, amount.toFixed(), { type: row.ref_type, id: row.ref_id });
        left = left.minus(amount);
      }
      if (left.gt(0)) await this.release(campaignId, left.toFixed(), fallback);
    });
  }

  async totals(campaignId: string): Promise<CampaignTotals> {
    const [row] = await this.uow.query<CampaignTotals[]>(
      `SELECT budget, spent, reserved FROM campaigns WHERE id = $1`,
      [campaignId],
    );
    if (!row) throw new NotFoundError('Campaign', campaignId);
    return row;
  }

  /**
   * The consistency check of docs/ledger.md: campaigns whose totals differ from the sums of their
   * entries, or whose spent + reserved exceed the budget. Empty means consistent.
   */
  async inconsistencies(campaignIds?: string[]): Promise<LedgerInconsistency[]> {
    return this.uow.query<LedgerInconsistency[]>(
      `SELECT c.id AS "campaignId", c.budget, c.spent, c.reserved,
              COALESCE(e.spent, 0) AS "entriesSpent", COALESCE(e.reserved, 0) AS "entriesReserved"
         FROM campaigns c
         LEFT JOIN (
           SELECT campaign_id,
                  sum(amount) FILTER (WHERE kind = 'COMMIT') AS spent,
                  COALESCE(sum(amount) FILTER (WHERE kind = 'RESERVE'), 0)
                    - COALESCE(sum(amount) FILTER (WHERE kind = 'RELEASE'), 0) AS reserved
             FROM ledger_entries GROUP BY campaign_id
         ) e ON e.campaign_id = c.id
        WHERE ($1::uuid[] IS NULL OR c.id = ANY($1))
          AND (c.spent <> COALESCE(e.spent, 0)
               OR c.reserved <> COALESCE(e.reserved, 0)
               OR c.spent + c.reserved > c.budget)`,
      [campaignIds ?? null],
    );
  }

  /** The one conditional UPDATE: applies `set` only when `condition` holds; null when it did not. */
  private async update(
    campaignId: string,
    set: string,
    condition: string,
    params: string[],
  ): Promise<CampaignTotals | null> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affectedCount].
    const [rows] = await this.uow.query<[CampaignTotals[], number]>(
      `UPDATE campaigns SET ${set} WHERE id = $1 AND ${condition} RETURNING budget, spent, reserved`,
      [campaignId, ...params],
    );
    if (rows.length) return rows[0];
    await this.totals(campaignId); // NOT_FOUND for an unknown campaign
    return null;
  }

  private async append(campaignId: string, kind: LedgerKind, amount: string, ref: LedgerRef): Promise<void> {
    await this.uow.query(
      `INSERT INTO ledger_entries (campaign_id, kind, amount, ref_type, ref_id) VALUES ($1, $2, $3, $4, $5)`,
      [campaignId, kind, amount, ref.type, ref.id],
    );
  }
}
