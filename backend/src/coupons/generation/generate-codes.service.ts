import { JobStatus } from '@bouquet/shared';
import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { GenerationRun, PoolShape } from './generation-run';

export interface GenerateOptions {
  /** Codes drawn per batch (one statement each). */
  batchSize?: number;
  /** Batches in flight at once, each on its own connection. */
  lanes?: number;
  /** Stop after this many batches (tests simulate a worker killed halfway). */
  maxBatches?: number;
}

export const DEFAULT_BATCH_SIZE = 25_000;
export const DEFAULT_LANES = 2;
/** Rounds in a row that store no code before the generation gives up. */
const MAX_STALLED_ROUNDS = 20;

export class GenerationStalledError extends Error {
  constructor(poolId: string) {
    super(`Code generation of pool ${poolId} makes no progress: the keyspace is too crowded`);
    this.name = 'GenerationStalledError';
  }
}

/**
 * Fills a pool up to exactly `size` codes. Each batch is ONE autocommit statement that stores its
 * codes and adds them to `generated_count` (see `storeBatch`): a killed batch leaves nothing, the
 * count always equals the rows, and the pool's check `generated_count <= size` refuses a batch
 * that would overshoot, so a re-run or a concurrent duplicate run never goes past `size`.
 * `lanes` batches are in flight at once (Postgres inserts them on as many cores), and each lane
 * draws its next codes while its current batch is being written.
 */
@Injectable()
export class GenerateCodesService {
  private readonly logger = new Logger(GenerateCodesService.name);

  constructor(private readonly uow: UnitOfWork) {}

  async generate(poolId: string, options: GenerateOptions = {}): Promise<JobStatus | null> {
    // Batches are autocommit statements on their own connections; inside a transaction they
    // would queue on its one connection and its first failure would abort every other batch.
    if (this.uow.inTransaction)
      throw new Error('GenerateCodesService.generate must not run inside a transaction');
    // Reconcile the counter with the rows under the pool's row lock (a separate statement, so its
    // count sees every batch committed by a concurrent run before the lock was granted; a batch
    // not yet committed adds its own codes to the reconciled count when it commits).
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
    const run = new GenerationRun(this.uow, poolId, {
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      lanes: options.lanes ?? DEFAULT_LANES,
      maxBatches: options.maxBatches,
    });
    try {
      let stalled = 0;
      let before = -1;
      for (;;) {
        const pool = await this.shape(poolId);
        if (!pool) return null;
        if (pool.generated_count >= pool.size) break;
        // A keyspace nearly full of other pools' codes would loop forever: give up loudly. Progress
        // is the pool's counter, so codes stored by a concurrent run of the same pool count too.
        stalled = pool.generated_count > before ? 0 : stalled + 1;
        before = pool.generated_count;
        if (stalled >= MAX_STALLED_ROUNDS) throw new GenerationStalledError(poolId);
        await run.round(pool);
        if (run.stopped) return JobStatus.RUNNING;
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

  private async shape(poolId: string): Promise<PoolShape | undefined> {
    const [pool] = await this.uow.query<PoolShape[]>(
      `SELECT size, generated_count, code_prefix, code_length FROM coupon_pools WHERE id = $1`,
      [poolId],
    );
    return pool;
  }

  private async statusOf(poolId: string): Promise<JobStatus | null> {
    const [row] = await this.uow.query<{ generation_status: JobStatus }[]>(
      `SELECT generation_status FROM coupon_pools WHERE id = $1`,
      [poolId],
    );
    return row?.generation_status ?? null;
  }
}
