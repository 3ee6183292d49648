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

/** SQLSTATEs of a connection that failed or was terminated (admin shutdown, crash, cannot connect). */
const CONNECTION_PG = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);

/** Socket errors of a connection refused or lost. */
const CONNECTION_SOCKET = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT']);

/** What node-postgres says when the socket closes under a query, or no connection comes in time. */
const LOST_CONNECTION =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/**
 * The connection to Postgres failed, not the statement: the server is unreachable, went away or
 * terminated this session. Nothing of an autocommit statement committed unless it answered.
 */
export function isConnectionFailure(error: unknown): boolean {
  const raw = error as {
    code?: unknown;
    message?: unknown;
    driverError?: { code?: unknown; message?: unknown };
  };
  for (const e of [raw, raw?.driverError]) {
    if (!e) continue;
    if (typeof e.code === 'string' && (CONNECTION_PG.has(e.code) || CONNECTION_SOCKET.has(e.code)))
      return true;
    if (typeof e.message === 'string' && LOST_CONNECTION.test(e.message)) return true;
  }
  return false;
}
