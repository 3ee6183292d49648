import { JobStatus } from '@bouquet/shared';
import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { randomCodes } from './random-codes';

export interface GenerateOptions {
  /** Codes drawn per batch (one transaction each). */
  batchSize?: number;
  /** Stop after this many batches (tests simulate a worker killed halfway). */
  maxBatches?: number;
}

export const DEFAULT_BATCH_SIZE = 20_000;

/**
 * Fills a pool up to exactly `size` codes. Each batch is one transaction that locks the pool
 * row, draws only `size - generated_count` codes, inserts them with `ON CONFLICT (code) DO
 * NOTHING` (collisions are topped up by the next batch) and adds the inserted count to
 * `generated_count`. A killed batch rolls back whole, so the count always equals the rows and
 * a re-run (or a concurrent duplicate run) never overshoots.
 */
@Injectable()
export class GenerateCodesService {
  private readonly logger = new Logger(GenerateCodesService.name);

  constructor(private readonly uow: UnitOfWork) {}

  async generate(poolId: string, options: GenerateOptions = {}): Promise<JobStatus | null> {
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    // Reconcile the counter with the rows under the pool's row lock (a separate statement, so its
    // count sees every batch committed by a concurrent run before the lock was granted).
    const resumable = await this.uow.run(async () => {
      const [pool] = await this.uow.query<{ generation_status: JobStatus }[]>(
        `SELECT generation_status FROM coupon_pools WHERE id = $1 FOR UPDATE`,
        [poolId],
      );
      if (!pool || pool.generation_status === JobStatus.DONE) return false;
      await this.uow.query(
        `UPDATE coupon_pools SET generation_status = 'RUNNING', failure_reason = NULL,
                generated_count = (SELECT count(*) FROM coupon_codes WHERE pool_id = $1)
          WHERE id = $1`,
        [poolId],
      );
      return true;
    });
    if (!resumable) return this.statusOf(poolId);
    let batches = 0;
    let stalled = 0;
    try {
      for (;;) {
        if (options.maxBatches !== undefined && batches >= options.maxBatches) return JobStatus.RUNNING;
        const inserted = await this.uow.run(() => this.batch(poolId, batchSize));
        batches += 1;
        if (inserted === null) break;
        // A keyspace nearly full of other pools' codes would loop forever: give up loudly.
        stalled = inserted === 0 ? stalled + 1 : 0;
        if (stalled >= 20) throw new Error('Code generation makes no progress: the keyspace is too crowded');
      }
      await this.uow.query(
        `UPDATE coupon_pools SET generation_status = 'DONE', failure_reason = NULL WHERE id = $1`,
        [poolId],
      );
      return JobStatus.DONE;
    } catch (error) {
      const reason = (error as Error).message.slice(0, 500);
      this.logger.warn(`Generation of pool ${poolId} failed: ${reason}`);
      await this.uow.query(
        `UPDATE coupon_pools SET generation_status = 'FAILED', failure_reason = $2 WHERE id = $1 AND generation_status <> 'DONE'`,
        [poolId, reason],
      );
      throw error;
    }
  }

  /** One batch; returns the number of codes inserted, or null when the pool is full. */
  private async batch(poolId: string, batchSize: number): Promise<number | null> {
    const [pool] = await this.uow.query<
      { size: number; generated_count: number; code_prefix: string; code_length: number }[]
    >(`SELECT size, generated_count, code_prefix, code_length FROM coupon_pools WHERE id = $1 FOR UPDATE`, [
      poolId,
    ]);
    if (!pool || pool.generated_count >= pool.size) return null;
    const wanted = Math.min(batchSize, pool.size - pool.generated_count);
    const codes = randomCodes(wanted, pool.code_prefix, pool.code_length);
    const [{ inserted }] = await this.uow.query<{ inserted: number }[]>(
      `WITH ins AS (
         INSERT INTO coupon_codes (pool_id, code) SELECT $1, unnest($2::text[])
         ON CONFLICT (code) DO NOTHING RETURNING 1
       ) SELECT count(*)::int AS inserted FROM ins`,
      [poolId, codes],
    );
    await this.uow.query(`UPDATE coupon_pools SET generated_count = generated_count + $2 WHERE id = $1`, [
      poolId,
      inserted,
    ]);
    return inserted;
  }

  private async statusOf(poolId: string): Promise<JobStatus | null> {
    const [row] = await this.uow.query<{ generation_status: JobStatus }[]>(
      `SELECT generation_status FROM coupon_pools WHERE id = $1`,
      [poolId],
    );
    return row?.generation_status ?? null;
  }
}
