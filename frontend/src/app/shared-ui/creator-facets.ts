/** Categories creators list themselves under (profile chips, discovery filter chips). */
export const CATEGORIES = [
  'beauty',
  'fashion',
  'gaming',
  'music',
  'fitness',
  'cooking',
  'travel',
  'tech',
  'art',
  'comedy',
];

/** Region codes ICU names that are not countries (the API refuses the first five; the others are pseudo-locales). */
const NOT_COUNTRIES = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO', 'XA', 'XB']);
const A = 'A'.charCodeAt(0);

/** Every ISO-3166 alpha-2 country the browser can name, sorted by English name. */
export function allCountries(): { code: string; name: string }[] {
  const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const countries: { code: string; name: string }[] = [];
  for (let first = 0; first < 26; first++) {
    for (let second = 0; second < 26; second++) {
      const code = String.fromCharCode(A + first, A + second);
      if (NOT_COUNTRIES.has(code)) continue;
      const name = regions.of(code);
      if (name && name !== code) countries.push({ code, name });
    }
  }
  return countries.sort((a, b) => a.name.localeCompare(b.name));
}
