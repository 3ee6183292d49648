import { NotFoundError } from '../errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** Ids are opaque UUIDs; anything else cannot name an object, so it is simply not found. */
export function requireUuid(id: string, what: string): string {
  if (!isUuid(id)) throw new NotFoundError(what, String(id).slice(0, 64));
  return id;
}
