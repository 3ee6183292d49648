/**
 * One task at a time per key, in arrival order; tasks of different keys run freely. For writes
 * that would otherwise queue on one row lock in Postgres: there each waiting statement holds a
 * pooled connection for the whole wait and every abort wakes all the waiters, so a burst on one
 * row starves the pool. Waiting here holds nothing but a promise.
 *
 * Each task is handed the result of the task just before it under the same key (undefined when
 * there was none, or it failed). That result came while the waiting task's caller was already in
 * flight, so the caller may answer from it as of that instant.
 */
export class TurnsByKey<T> {
  private readonly tails = new Map<string, Promise<T | undefined>>();

  /** Runs `task` once every task submitted before it under `key` has settled. */
  run(key: string, task: (previous: T | undefined) => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const turn = previous ? previous.then(task) : task(undefined);
    const tail = turn.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return turn;
  }

  /** Keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
