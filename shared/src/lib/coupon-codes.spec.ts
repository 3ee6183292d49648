import { CODE_ALPHABET, maxPoolSize, normalizeCode } from './coupon-codes';

describe('coupon codes', () => {
  it('has no look-alike characters', () => {
    for (const c of ['0', 'O', '1', 'I', 'L']) expect(CODE_ALPHABET).not.toContain(c);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    expect(CODE_ALPHABET).toHaveLength(31);
  });

  it('normalizes input case-insensitively', () => {
    expect(normalizeCode('  spring-abc ')).toBe('SPRING-ABC');
  });

  it('caps pools at 1% of the keyspace', () => {
    expect(maxPoolSize(6)).toBe(Math.floor(31 ** 6 / 100));
    expect(maxPoolSize(10)).toBeGreaterThan(5_000_000);
  });
});
