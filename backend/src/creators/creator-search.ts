/**
 * Turns free text into a safe prefix tsquery for the 'simple' configuration: only letters and
 * digits survive (no tsquery operators can be injected), each word matches as a prefix, all words
 * must match. Returns null when nothing searchable is left.
 */
export function prefixTsQuery(text: string, maxWords = 8): string | null {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, maxWords);
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
/** Region codes ICU knows that are not countries. */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);

/** An ISO-3166 alpha-2 code in upper case that names a real region. */
export function isCountryCode(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value) || NOT_COUNTRIES.has(value)) return false;
  try {
    return REGIONS.of(value) !== value;
  } catch {
    return false;
  }
}
