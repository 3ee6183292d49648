import { CODE_ALPHABET } from '@bouquet/shared';
import { randomBytes } from 'node:crypto';

const ALPHABET_SIZE = CODE_ALPHABET.length;
/** Largest multiple of the alphabet size below 256: bytes at or above it are dropped (no modulo bias). */
const UNBIASED_LIMIT = Math.floor(256 / ALPHABET_SIZE) * ALPHABET_SIZE;

/**
 * `count` codes of `prefix` + `length` characters drawn uniformly from the code alphabet with a
 * cryptographic random source (rejection sampling over random bytes).
 */
export function randomCodes(count: number, prefix: string, length: number): string[] {
  const codes = new Array<string>(count);
  const chars = new Array<string>(length);
  let pool = randomBytes(Math.ceil(count * length * 1.1) + 64);
  let at = 0;
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < length;) {
      if (at >= pool.length) {
        pool = randomBytes(Math.max(1024, (count - i) * length * 1.1) | 0);
        at = 0;
      }
      const byte = pool[at++];
      if (byte < UNBIASED_LIMIT) chars[j++] = CODE_ALPHABET[byte % ALPHABET_SIZE];
    }
    codes[i] = prefix + chars.join('');
  }
  return codes;
}
