/** The Postgres error behind an error of the pg driver, or of TypeORM wrapping it. */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string } {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  return e.driverError ?? e;
}

/**
 * A deadlock or a serialization failure: Postgres aborted the statement (or transaction) whole,
 * so nothing of it was written and it may simply run again.
 */
export function isTransient(error: unknown): boolean {
  const { code } = pgErrorOf(error);
  return code === '40P01' || code === '40001';
}
