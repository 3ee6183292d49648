import { Dec, DropStatus, roundToCurrency } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { JobsService } from '../platform/queue/jobs.service';
import { LedgerService } from '../ledger/ledger.service';
import { DropEvents } from './drop-events';
import { DropEntity } from './drop.entity';
import { CloseDropJob } from './drop.jobs';

const ref = (dropId: string) => ({ type: 'drop', id: dropId });

/**
 * Opening, closing and settling drops. Every step is one conditional UPDATE on the drop's status,
 * so a duplicate job or a second worker finds nothing to do: a drop opens once and settles once.
 */
@Injectable()
export class DropSettlement {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: LedgerService,
    private readonly jobs: JobsService,
    private readonly events: DropEvents,
  ) {}

  /** SCHEDULED -> OPEN while the stream is LIVE; schedules the window's end. Returns whether it opened. */
  async open(dropId: string): Promise<boolean> {
    const [rows] = await this.uow.query<[DropEntity[], number]>(
      `UPDATE drops d SET status = 'OPEN', opened_at = now(), closes_at = now() + make_interval(secs => d.claim_window_seconds)
        WHERE d.id = $1 AND d.status = 'SCHEDULED'
          AND EXISTS (SELECT 1 FROM streams s WHERE s.id = d.stream_id AND s.status = 'LIVE')
        RETURNING d.id, d.claim_window_seconds AS "claimWindowSeconds"`,
      [dropId],
    );
    if (!rows.length) return false;
    // The drop is OPEN in Postgres: were Redis down, the drops restorer re-creates its close job.
    await this.jobs.enqueueRecoverable(
      CloseDropJob,
      { dropId },
      { jobId: `close-${dropId}`, delay: rows[0].claimWindowSeconds * 1000 },
    );
    await this.events.now(dropId);
    return true;
  }

  /**
   * OPEN -> `to` (COMPLETED, CANCELLED): commits the claimed roses' cost and releases the rest of
   * the reservation in the same transaction. Waits for in-flight claims (they hold a share lock).
   */
  async close(
    dropId: string,
    to: DropStatus.COMPLETED | DropStatus.CANCELLED = DropStatus.COMPLETED,
  ): Promise<boolean> {
    const closed = await this.uow.run(async () => {
      const [rows] = await this.uow.query<[DropEntity[], number]>(
        `UPDATE drops SET status = $2, closed_at = now() WHERE id = $1 AND status = 'OPEN'
         RETURNING id, campaign_id AS "campaignId", rose_count AS "roseCount", unit_price AS "unitPrice", cost, currency`,
        [dropId, to],
      );
      const drop = rows[0];
      if (!drop) return false;
      const [counts] = await this.uow.query<{ roses: number; claims: number }[]>(
        `SELECT coalesce(sum(roses), 0)::int AS roses, count(*)::int AS claims FROM drop_claims WHERE drop_id = $1`,
        [dropId],
      );
      await this.uow.query(`UPDATE drops SET claimed_roses = $2, claim_count = $3 WHERE id = $1`, [
        dropId,
        counts.roses,
        counts.claims,
      ]);
      await this.settle(drop, counts.roses);
      return true;
    });
    if (closed) await this.announce(dropId);
    return closed;
  }

  /** SCHEDULED -> CANCELLED or EXPIRED before it ever opened: the whole reservation goes back. */
  async abandon(dropId: string, to: DropStatus.CANCELLED | DropStatus.EXPIRED): Promise<boolean> {
    const done = await this.uow.run(async () => {
      const [rows] = await this.uow.query<[DropEntity[], number]>(
        `UPDATE drops SET status = $2, closed_at = now() WHERE id = $1 AND status = 'SCHEDULED'
         RETURNING id, campaign_id AS "campaignId", unit_price AS "unitPrice", cost, currency`,
        [dropId, to],
      );
      if (!rows[0]) return false;
      await this.settle(rows[0], 0);
      return true;
    });
    if (done) await this.announce(dropId);
    return done;
  }

  /** Completes an OPEN drop whose pool is empty (called after a claim took the last rose). */
  async completeIfEmpty(dropId: string): Promise<void> {
    const [{ left }] = await this.uow.query<{ left: number }[]>(
      `SELECT coalesce(sum(remaining), 0)::int AS left FROM drop_shards WHERE drop_id = $1`,
      [dropId],
    );
    if (left === 0) await this.close(dropId, DropStatus.COMPLETED);
  }

  /** Live update of the drop, once its change is visible: after the enclosing transaction commits, if any. */
  private async announce(dropId: string): Promise<void> {
    if (this.uow.inTransaction) this.uow.afterCommit(() => this.events.now(dropId));
    else await this.events.now(dropId);
  }

  private async settle(
    drop: Pick<DropEntity, 'id' | 'campaignId' | 'unitPrice' | 'cost' | 'currency'>,
    claimedRoses: number,
  ) {
    const spent = new Dec(roundToCurrency(new Dec(drop.unitPrice).times(claimedRoses), drop.currency));
    const held = new Dec(drop.cost);
    const commit = Dec.min(spent, held);
    if (commit.gt(0))
      await this.ledger.commit(drop.campaignId, commit.toFixed(), ref(drop.id), {
        fromReserved: commit.toFixed(),
      });
    const release = held.minus(commit);
    if (release.gt(0)) await this.ledger.release(drop.campaignId, release.toFixed(), ref(drop.id));
  }
}
