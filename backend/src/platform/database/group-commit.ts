/**
 * Group commit: while one run is in flight, the items submitted wait in memory and go together in
 * the next run, so a burst of requests pays for a handful of statements and one commit instead of
 * each request paying its own. A run starts at the end of the current turn of the event loop
 * (`setImmediate`), so the items submitted in one turn (the requests whose reads one batch just
 * answered, say) go together; a lone item waits for nothing else, never for a timer.
 *
 * A run answers one result per item, in order, or null for an item it did not decide; when a run
 * throws, every item of it answers null. Null means "take the exact one-at-a-time path": the run
 * is an optimisation of the plain case, never the only way an item is decided.
 */
export interface GroupCommitOptions<I, O> {
  /** The most items one run takes. */
  max: number;
  /** Decides the items of one run: one result (or null) per item, in the same order. */
  run: (items: I[]) => Promise<(O | null)[]>;
  /**
   * Starts the drain outside the caller's context (e.g. `UnitOfWork.detached`): a run serves many
   * requests and must not join the transaction of the one that happened to start it.
   */
  detach: (start: () => void) => void;
  /** Called after each run with its size and, when it threw, the error. */
  onRun?: (size: number, error?: unknown) => void;
  /** Called when the last pending item is answered (e.g. to forget a per-key group). */
  onIdle?: () => void;
}

interface Pending<I, O> {
  item: I;
  done: (result: O | null) => void;
}

export class GroupCommit<I, O> {
  private pending: Pending<I, O>[] = [];
  private draining = false;

  constructor(private readonly options: GroupCommitOptions<I, O>) {}

  /** True while nothing waits and nothing runs. */
  get idle(): boolean {
    return !this.draining && !this.pending.length;
  }

  /** The item's result, or null when the caller must decide it alone. */
  submit(item: I): Promise<O | null> {
    return new Promise((done) => {
      this.pending.push({ item, done });
      if (this.draining) return;
      this.draining = true;
      this.options.detach(() => setImmediate(() => void this.drain()));
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.options.max);
        let results: (O | null)[] = [];
        try {
          results = await this.options.run(batch.map((p) => p.item));
          this.options.onRun?.(batch.length);
        } catch (error) {
          this.options.onRun?.(batch.length, error);
        }
        batch.forEach((p, i) => p.done(results[i] ?? null));
      }
    } finally {
      this.draining = false;
      if (!this.pending.length) this.options.onIdle?.();
    }
  }
}
