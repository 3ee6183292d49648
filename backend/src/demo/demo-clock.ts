import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../platform/database/unit-of-work';

/** Who the demo history belongs to. */
export interface DemoScope {
  organizationIds: string[];
  userIds: string[];
}

/**
 * The services stamp everything with the database's now(). To give the demo a past, the seeder
 * moves finished stories back in time: only timestamp columns change, each story by one offset,
 * so what the services enforced (amounts, limits, states, the order of things) still holds.
 */
@Injectable()
export class DemoClock {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Moves the sign-ups, grants, campaigns, negotiations, coupon pools and their ledger entries,
   * audit entries and notifications of the scope back by `ms` (they happened "days ago").
   */
  async ageHistory(scope: DemoScope, ms: number): Promise<void> {
    const by = `make_interval(secs => ${Number(ms) / 1000})`;
    const orgs = scope.organizationIds;
    await this.uow.run(async () => {
      const q = (sql: string, params: unknown[]) => this.uow.query(sql, params);
      await q(`UPDATE users SET created_at = created_at - ${by} WHERE id = ANY($1)`, [scope.userIds]);
      await q(`UPDATE organizations SET created_at = created_at - ${by} WHERE id = ANY($1)`, [orgs]);
      await q(`UPDATE memberships SET created_at = created_at - ${by} WHERE organization_id = ANY($1)`, [
        orgs,
      ]);
      await q(`UPDATE agency_grants SET granted_at = granted_at - ${by} WHERE brand_id = ANY($1)`, [orgs]);
      await q(`UPDATE creators SET created_at = created_at - ${by} WHERE organization_id = ANY($1)`, [orgs]);
      await q(`UPDATE campaigns SET created_at = created_at - ${by} WHERE brand_id = ANY($1)`, [orgs]);
      const campaigns = `SELECT id FROM campaigns WHERE brand_id = ANY($1)`;
      await q(
        `UPDATE offers SET created_at = created_at - ${by}, accepted_at = accepted_at - ${by},
                expires_at = expires_at - ${by} WHERE campaign_id IN (${campaigns})`,
        [orgs],
      );
      const offers = `SELECT o.id FROM offers o WHERE o.campaign_id IN (${campaigns})`;
      await q(`UPDATE offer_revisions SET created_at = created_at - ${by} WHERE offer_id IN (${offers})`, [
        orgs,
      ]);
      await q(`UPDATE offer_messages SET created_at = created_at - ${by} WHERE offer_id IN (${offers})`, [
        orgs,
      ]);
      await q(
        `UPDATE ledger_entries SET created_at = created_at - ${by}
          WHERE campaign_id IN (${campaigns}) AND ref_type <> 'drop'`,
        [orgs],
      );
      await q(`UPDATE coupon_pools SET created_at = created_at - ${by} WHERE campaign_id IN (${campaigns})`, [
        orgs,
      ]);
      await q(`UPDATE audit_entries SET at = at - ${by} WHERE organization_id = ANY($1)`, [orgs]);
      await q(`UPDATE notifications SET created_at = created_at - ${by} WHERE user_id = ANY($1)`, [
        scope.userIds,
      ]);
    });
  }

  /**
   * Moves a finished drop so that it opened at `openedAt`: the drop, its claims, the codes it
   * issued, the redemptions of those codes and its ledger entries, all by the same offset.
   */
  async moveDrop(dropId: string, openedAt: Date): Promise<void> {
    await this.uow.run(async () => {
      const [row] = await this.uow.query<{ secs: number }[]>(
        `SELECT extract(epoch FROM $2::timestamptz - opened_at)::float8 AS secs FROM drops WHERE id = $1`,
        [dropId, openedAt],
      );
      const shift = `make_interval(secs => ${Number(row.secs)})`;
      await this.uow.query(
        `UPDATE drops SET created_at = created_at + ${shift}, opened_at = opened_at + ${shift},
                closes_at = closes_at + ${shift}, closed_at = closed_at + ${shift} WHERE id = $1`,
        [dropId],
      );
      await this.uow.query(`UPDATE drop_claims SET claimed_at = claimed_at + ${shift} WHERE drop_id = $1`, [
        dropId,
      ]);
      await this.uow.query(
        `UPDATE coupon_codes SET issued_at = issued_at + ${shift} WHERE issued_drop_id = $1`,
        [dropId],
      );
      await this.uow.query(
        `UPDATE redemptions SET redeemed_at = redeemed_at + ${shift}, rolled_back_at = rolled_back_at + ${shift}
          WHERE drop_id = $1`,
        [dropId],
      );
      await this.uow.query(
        `UPDATE ledger_entries SET created_at = created_at + ${shift} WHERE ref_type = 'drop' AND ref_id = $1`,
        [dropId],
      );
    });
  }

  /**
   * Spaces the redemptions of a drop's codes out after it, `everyMs` apart from `firstAt` (shoppers
   * check out over the following minutes, not in the same second); a rollback follows its
   * redemption by `rollbackAfterMs`.
   */
  async spreadRedemptions(dropId: string, firstAt: Date, everyMs: number, rollbackAfterMs: number) {
    await this.uow.query(
      `WITH r AS (SELECT id, row_number() OVER (ORDER BY redeemed_at, id) - 1 AS i FROM redemptions WHERE drop_id = $1)
       UPDATE redemptions x
          SET redeemed_at = $2::timestamptz + make_interval(secs => r.i * $3::float8 / 1000),
              rolled_back_at = CASE WHEN x.rolled_back_at IS NULL THEN NULL
                ELSE $2::timestamptz + make_interval(secs => (r.i * $3::float8 + $4::float8) / 1000) END
         FROM r WHERE x.id = r.id`,
      [dropId, firstAt, everyMs, rollbackAfterMs],
    );
  }
}
