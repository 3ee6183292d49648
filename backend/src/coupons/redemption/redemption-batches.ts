import { Injectable, Logger } from '@nestjs/common';
import { GroupCommit } from '../../platform/database/group-commit';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { MetricsService } from '../../platform/metrics/metrics.service';
import { CouponLookup, RedemptionReadRequest, RedemptionReads } from './coupon-lookup';
import { answerKey, RedemptionWrite, RedemptionWritten, writeRedemptions } from './redeem-statement';

/** The most redemptions one batch statement takes. */
export const MAX_REDEMPTION_BATCH = 64;

/**
 * Group commit for redemptions (ADR 0012): the reads, and then the writes, of the redemptions
 * arriving together share one statement each, instead of each redemption paying its own two
 * statements, two round trips and one commit. A lone redemption is never held back by a timer.
 *
 * A write batch takes only redemptions it can decide together: distinct codes, distinct keys and,
 * for pools with a per-customer limit, distinct customers; in code order, so statements of
 * several replicas lock shared codes in one order. The others, and every write of a batch whose
 * statement failed (a customer over the limit, a key answered meanwhile by another replica, a
 * deadlock), answer null: the caller runs them alone (`writeRedemption`), which decides each case
 * exactly. The database's constraints stay the only judges; the batch only saves statements.
 */
@Injectable()
export class RedemptionBatches {
  private readonly logger = new Logger(RedemptionBatches.name);
  private readonly reads: GroupCommit<RedemptionReadRequest, RedemptionReads>;
  private readonly writes: GroupCommit<RedemptionWrite, RedemptionWritten>;

  constructor(
    private readonly uow: UnitOfWork,
    lookup: CouponLookup,
    metrics: MetricsService,
  ) {
    const detach = (start: () => void) => this.uow.detached(start);
    this.reads = new GroupCommit({
      max: MAX_REDEMPTION_BATCH,
      run: (requests) => lookup.forRedemptions(requests),
      detach,
      onRun: (size, error) => this.fellBack('read', size, error),
    });
    this.writes = new GroupCommit({
      max: MAX_REDEMPTION_BATCH,
      run: (writes) => this.writeTogether(writes),
      detach,
      onRun: (size, error) => {
        metrics.redemptionBatchSize.observe(size);
        if (error) metrics.redemptionBatchFallbacks.inc();
        this.fellBack('write', size, error);
      },
    });
  }

  /**
   * The redemption's reads, or null when the caller must read alone: always inside a caller's
   * transaction, which a batch serving other requests never joins.
   */
  async read(request: RedemptionReadRequest): Promise<RedemptionReads | null> {
    return this.uow.inTransaction ? null : this.reads.submit(request);
  }

  /** The redemption's outcome, or null when the caller must write it alone (as for `read`). */
  async write(write: RedemptionWrite): Promise<RedemptionWritten | null> {
    return this.uow.inTransaction ? null : this.writes.submit(write);
  }

  private async writeTogether(writes: RedemptionWrite[]): Promise<(RedemptionWritten | null)[]> {
    const together = separable(writes);
    const written = await writeRedemptions(this.uow, together);
    const outcome = new Map(together.map((w, i) => [w, written[i]]));
    return writes.map((w) => outcome.get(w) ?? null);
  }

  private fellBack(what: string, size: number, error: unknown): void {
    if (error) this.logger.debug(`A ${what} batch of ${size} redemptions fell back: ${String(error)}`);
  }
}

/**
 * The writes one statement can decide together, in code order: the first of each code, of each
 * brand's key and, where the pool limits uses per customer, of each customer of a pool.
 */
function separable(writes: RedemptionWrite[]): RedemptionWrite[] {
  const taken = new Set<string>();
  const together: RedemptionWrite[] = [];
  for (const w of writes) {
    const claims = [`code ${w.facts.codeId}`, `key ${answerKey(w.brandId, w.idempotencyKey)}`];
    if (w.facts.perCustomerLimit !== null) claims.push(`customer ${w.facts.poolId} ${w.customerId}`);
    if (claims.some((c) => taken.has(c))) continue;
    claims.forEach((c) => taken.add(c));
    together.push(w);
  }
  return together.sort((a, b) => compareIds(a.facts.codeId, b.facts.codeId));
}

/** bigint ids as decimal strings, in numeric order. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
