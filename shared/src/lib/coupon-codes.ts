/** Characters of coupon codes: A-Z and 2-9 without the look-alikes 0, O, 1, I and L. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_PREFIX_PATTERN = /^[A-Z2-9]{0,12}$/;
export const CODE_LENGTH_MIN = 6;
export const CODE_LENGTH_MAX = 32;
/** The longest code a client may send (prefix + random part). */
export const CODE_MAX_INPUT = 12 + CODE_LENGTH_MAX;

/** Codes are case-insensitive on input: trimmed and upper-cased. */
export function normalizeCode(input: string): string {
  return input.trim().toUpperCase();
}

/** Number of distinct random parts of the given length. */
export function keyspace(codeLength: number): number {
  return Math.pow(CODE_ALPHABET.length, codeLength);
}

/** A pool may use at most this share of its keyspace, so random draws rarely collide. */
export const MAX_KEYSPACE_SHARE = 0.01;

export function maxPoolSize(codeLength: number): number {
  return Math.floor(keyspace(codeLength) * MAX_KEYSPACE_SHARE);
}
