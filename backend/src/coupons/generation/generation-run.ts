import { setImmediate as nextTurn } from 'node:timers/promises';
import type { UnitOfWork } from '../../platform/database/unit-of-work';
import { storeBatch } from './code-batch';
import type { GenerateOptions } from './generate-codes.service';
import { randomCodes } from './random-codes';

export interface PoolShape {
  size: number;
  generated_count: number;
  code_prefix: string;
  code_length: number;
}

/**
 * One generation of one pool, in rounds: a round plans the pool's missing codes into batches and
 * writes them with `lanes` batches in flight. The plan is only a plan: a batch refused for
 * overshooting (a concurrent run stored codes meanwhile) ends the round, and the caller starts the
 * next one from the counter Postgres holds.
 */
export class GenerationRun {
  /** True once `maxBatches` stopped the run before the pool was full. */
  stopped = false;
  private started = 0;
  private tolerateCollisions = false;
  private readonly batchSize: number;
  private readonly lanes: number;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly poolId: string,
    private readonly options: Required<Pick<GenerateOptions, 'batchSize' | 'lanes'>> &
      Pick<GenerateOptions, 'maxBatches'>,
  ) {
    this.batchSize = Math.max(1, Math.floor(options.batchSize));
    this.lanes = Math.max(1, Math.floor(options.lanes));
  }

  /** Writes up to `size - generated_count` codes; returns how many this round stored. */
  async round(pool: PoolShape): Promise<number> {
    const state = { planned: pool.generated_count, stored: 0, halt: false };
    const lane = async (): Promise<void> => {
      let drawn: string[] | null = null;
      for (;;) {
        if (state.halt) return;
        const { maxBatches } = this.options;
        if (maxBatches !== undefined && this.started >= maxBatches) {
          this.stopped = true;
          return;
        }
        const wanted = Math.min(this.batchSize, pool.size - state.planned);
        if (wanted <= 0) return;
        state.planned += wanted;
        this.started += 1;
        const codes =
          drawn && drawn.length >= wanted
            ? drawn.slice(0, wanted)
            : randomCodes(wanted, pool.code_prefix, pool.code_length);
        drawn = null;
        const writing = storeBatch(this.uow, this.poolId, codes, this.tolerateCollisions);
        // Let the statement go out, then draw the next batch while Postgres writes this one.
        await nextTurn();
        if (pool.size - state.planned > 0)
          drawn = randomCodes(this.batchSize, pool.code_prefix, pool.code_length);
        const outcome = await writing;
        if (outcome.kind === 'stored') {
          state.stored += outcome.inserted;
          state.planned -= wanted - outcome.inserted;
          // Every code collided: back to the caller, which counts rounds without progress.
          if (outcome.inserted === 0) state.halt = true;
        } else if (outcome.kind === 'collision') {
          // Nothing stored; from now on colliding codes are skipped and topped up.
          this.tolerateCollisions = true;
          state.planned -= wanted;
        } else {
          state.planned -= wanted;
          state.halt = true;
        }
      }
    };
    const results = await Promise.allSettled(
      Array.from({ length: this.lanes }, () =>
        lane().catch((error: unknown) => {
          state.halt = true;
          throw error;
        }),
      ),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return state.stored;
  }
}
