/** The believable world `npm start` shows on first run. */
export const DEMO_PASSWORD = 'bouquet-demo-2026';

export const DEMO_BRANDS = [
  { key: 'bloom', email: 'brand@demo.bouquet', name: 'Bloom Cosmetics', person: 'Maya Brooks' },
  { key: 'nova', email: 'nova@demo.bouquet', name: 'Nova Sneakers', person: 'Leo Park' },
  { key: 'petal', email: 'petal@demo.bouquet', name: 'Petal Tea Co.', person: 'Ines Duarte' },
] as const;

export const DEMO_AGENCY = { email: 'agency@demo.bouquet', name: 'Stellar Agency', person: 'Sam Rivera' };

const CATEGORIES = [
  'beauty',
  'gaming',
  'music',
  'fitness',
  'cooking',
  'fashion',
  'travel',
  'tech',
  'art',
  'comedy',
];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'BR', 'ES', 'IT', 'CA', 'JP', 'MX'];
const NAMES = [
  'Aria Lux',
  'Ben Tides',
  'Cleo Vance',
  'Dax Rowe',
  'Elle Moon',
  'Finn Arc',
  'Gia Sol',
  'Hugo Bram',
  'Ivy Rue',
  'Jax Hale',
  'Kira Dune',
  'Lio Quest',
  'Mila Fox',
  'Nico Blaze',
  'Opal Rey',
  'Pax Lane',
  'Quinn Vale',
  'Rory Sky',
  'Sia Bloom',
  'Theo Drift',
  'Uma Glow',
  'Vik Storm',
  'Wren Ash',
  'Xan Ember',
  'Yara Wave',
  'Zed Nova',
  'Ada Pike',
  'Bo Reed',
  'Cass Jett',
  'Dani Frost',
];

export const DEMO_CREATORS = NAMES.map((name, i) => ({
  email: i === 0 ? 'creator@demo.bouquet' : `creator${i + 1}@demo.bouquet`,
  displayName: name,
  handle: name.toLowerCase().replace(/\s+/g, '_'),
  categories: [CATEGORIES[i % CATEGORIES.length], CATEGORIES[(i * 3 + 1) % CATEGORIES.length]],
  country: COUNTRIES[i % COUNTRIES.length],
  followerCount: 5_000 + ((i * 7919) % 95) * 4_200,
  averageViewers: 150 + ((i * 104729) % 40) * 55,
  rate: String(150 + ((i * 31) % 20) * 45) + '.00',
  bio: `${name} streams ${CATEGORIES[i % CATEGORIES.length]} most evenings and loves a good rose drop.`,
}));
