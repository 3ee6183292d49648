import { QueryFailedError } from 'typeorm';
import { isConnectionFailure, isTransient } from './pg-errors';

const pg = (code: string, message = 'error') => Object.assign(new Error(message), { code });
const wrapped = (error: Error) => new QueryFailedError('SELECT 1', [], error);

describe('pg errors', () => {
  it('tells a failed connection from a failed statement, bare or wrapped by TypeORM', () => {
    for (const failed of [
      pg('ECONNREFUSED'),
      pg('57P01', 'terminating connection due to administrator command'),
      pg('08006'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
    ]) {
      expect(isConnectionFailure(failed)).toBe(true);
      expect(isConnectionFailure(wrapped(failed))).toBe(true);
    }
    for (const statement of [
      pg('23505'),
      pg('40P01'),
      pg('57014', 'canceling statement due to statement timeout'),
    ]) {
      expect(isConnectionFailure(statement)).toBe(false);
      expect(isConnectionFailure(wrapped(statement))).toBe(false);
    }
    expect(isConnectionFailure(undefined)).toBe(false);
  });

  it('calls deadlocks and serialization failures transient, nothing else', () => {
    expect(isTransient(wrapped(pg('40P01')))).toBe(true);
    expect(isTransient(pg('40001'))).toBe(true);
    expect(isTransient(pg('23505'))).toBe(false);
    expect(isTransient(pg('57P01'))).toBe(false);
  });
});
