import { CampaignObjective, DiscountType } from '@bouquet/shared';

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

export type CampaignKey = 'spring' | 'holiday' | 'night' | 'summer' | 'tea' | 'winter';
export type BrandKey = (typeof DEMO_BRANDS)[number]['key'];

/** Six campaigns, one per final status (two ACTIVE), in the order they are created. */
export const DEMO_CAMPAIGNS: readonly {
  key: CampaignKey;
  brand: BrandKey;
  name: string;
  budget: string;
  objective: CampaignObjective;
  brief: string;
  /** What the campaign ends as: launched first unless it stays a DRAFT. */
  final: 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED' | 'CANCELLED';
}[] = [
  {
    key: 'spring',
    brand: 'bloom',
    name: 'Spring Glow',
    budget: '25000.00',
    objective: CampaignObjective.SALES,
    brief: 'Launch the Spring Glow palette with live rose drops and 20% codes.',
    final: 'ACTIVE',
  },
  {
    key: 'holiday',
    brand: 'bloom',
    name: 'Holiday Sparkle',
    budget: '40000.00',
    objective: CampaignObjective.AWARENESS,
    brief: 'Gift sets for the holidays; brief in review.',
    final: 'DRAFT',
  },
  {
    key: 'night',
    brand: 'nova',
    name: 'Run the Night',
    budget: '18000.00',
    objective: CampaignObjective.ENGAGEMENT,
    brief: 'Night-run sneakers: drops during late fitness streams.',
    final: 'ACTIVE',
  },
  {
    key: 'summer',
    brand: 'nova',
    name: 'Summer Kicks',
    budget: '12000.00',
    objective: CampaignObjective.SALES,
    brief: 'Summer colours, paused while stock arrives.',
    final: 'PAUSED',
  },
  {
    key: 'tea',
    brand: 'petal',
    name: 'Tea Time Live',
    budget: '6000.00',
    objective: CampaignObjective.SALES,
    brief: 'Cozy tea tastings with creators.',
    final: 'COMPLETED',
  },
  {
    key: 'winter',
    brand: 'petal',
    name: 'Winter Warmers',
    budget: '8000.00',
    objective: CampaignObjective.AWARENESS,
    brief: 'Cancelled: the winter range moved to next year.',
    final: 'CANCELLED',
  },
];

/**
 * How each negotiation ends (creator = index in DEMO_CREATORS): accepted after two counters,
 * countered (PENDING, the brand's move), sent (PENDING, the creator's move), declined, withdrawn,
 * expired.
 */
export const DEMO_OFFERS: readonly {
  campaign: CampaignKey;
  creator: number;
  outcome: 'accepted' | 'countered' | 'sent' | 'declined' | 'withdrawn' | 'expired';
}[] = [
  { campaign: 'spring', creator: 0, outcome: 'accepted' },
  { campaign: 'spring', creator: 1, outcome: 'accepted' },
  { campaign: 'spring', creator: 2, outcome: 'sent' },
  { campaign: 'spring', creator: 3, outcome: 'declined' },
  { campaign: 'holiday', creator: 4, outcome: 'withdrawn' },
  { campaign: 'holiday', creator: 9, outcome: 'countered' },
  { campaign: 'night', creator: 5, outcome: 'accepted' },
  { campaign: 'night', creator: 6, outcome: 'sent' },
  { campaign: 'night', creator: 8, outcome: 'expired' },
  { campaign: 'summer', creator: 10, outcome: 'accepted' },
  { campaign: 'tea', creator: 7, outcome: 'accepted' },
  { campaign: 'tea', creator: 11, outcome: 'declined' },
];

/** Coupon pools; those with a creator are handed out in that creator's drops. */
export const DEMO_POOLS: readonly {
  key: string;
  campaign: CampaignKey;
  creator: number | null;
  name: string;
  prefix: string;
  discountType: DiscountType;
  discountValue: string;
  size: number;
}[] = [
  {
    key: 'aria',
    campaign: 'spring',
    creator: 0,
    name: 'Aria Lux x Spring Glow',
    prefix: 'ARIA',
    discountType: DiscountType.PERCENT,
    discountValue: '20',
    size: 2000,
  },
  {
    key: 'ben',
    campaign: 'spring',
    creator: 1,
    name: 'Ben Tides x Spring Glow',
    prefix: 'BEN',
    discountType: DiscountType.PERCENT,
    discountValue: '20',
    size: 1000,
  },
  {
    key: 'glow',
    campaign: 'spring',
    creator: null,
    name: 'Spring Glow newsletter',
    prefix: 'GLOW',
    discountType: DiscountType.PERCENT,
    discountValue: '15',
    size: 500,
  },
  {
    key: 'finn',
    campaign: 'night',
    creator: 5,
    name: 'Finn Arc x Run the Night',
    prefix: 'NIGHT',
    discountType: DiscountType.FIXED_AMOUNT,
    discountValue: '10.00',
    size: 1000,
  },
  {
    key: 'hugo',
    campaign: 'tea',
    creator: 7,
    name: 'Hugo Bram x Tea Time',
    prefix: 'TEA',
    discountType: DiscountType.PERCENT,
    discountValue: '25',
    size: 500,
  },
];

/** Sign-ups, grants and negotiations happened this long before the first start. */
export const HISTORY_AGE_MS = 10 * 24 * 3_600_000;

/** A drop in a stream script: opened at `minute` (MANUAL) or when the gifts of `minute` reach its milestone. */
export interface DropPlan {
  minute: number;
  roses: number;
}

export interface PastStreamPlan {
  creator: number;
  campaign: CampaignKey;
  pool: string;
  title: string;
  daysAgo: number;
  /** UTC hour it started. */
  hour: number;
  minutes: number;
  rosesPerMinute: number;
  audience: number;
  manual: DropPlan;
  milestone: DropPlan;
  /** A spike without a drop (another creator's raid), at this minute. */
  raid?: number;
  seed: number;
}

/** Finished streams of the accepted deals: each with a sold-out MANUAL drop and a GIFT_MILESTONE drop. */
export const DEMO_PAST_STREAMS: readonly PastStreamPlan[] = [
  {
    creator: 0,
    campaign: 'spring',
    pool: 'aria',
    title: 'Spring Glow: full look, live',
    daysAgo: 6,
    hour: 18,
    minutes: 90,
    rosesPerMinute: 22,
    audience: 45,
    manual: { minute: 28, roses: 60 },
    milestone: { minute: 61, roses: 40 },
    seed: 11,
  },
  {
    creator: 1,
    campaign: 'spring',
    pool: 'ben',
    title: 'Late show: skincare Q&A',
    daysAgo: 4,
    hour: 20,
    minutes: 80,
    rosesPerMinute: 15,
    audience: 35,
    manual: { minute: 22, roses: 50 },
    milestone: { minute: 50, roses: 30 },
    raid: 68,
    seed: 12,
  },
  {
    creator: 5,
    campaign: 'night',
    pool: 'finn',
    title: 'Midnight 10K run-along',
    daysAgo: 3,
    hour: 21,
    minutes: 75,
    rosesPerMinute: 18,
    audience: 40,
    manual: { minute: 25, roses: 60 },
    milestone: { minute: 55, roses: 40 },
    seed: 13,
  },
  {
    creator: 7,
    campaign: 'tea',
    pool: 'hugo',
    title: 'Tea tasting: first flush',
    daysAgo: 2,
    hour: 17,
    minutes: 60,
    rosesPerMinute: 10,
    audience: 25,
    manual: { minute: 18, roses: 30 },
    milestone: { minute: 40, roses: 20 },
    seed: 14,
  },
];

/** The one LIVE stream: the demo creator, started a while ago, with an open drop being claimed. */
export const DEMO_LIVE_STREAM = {
  creator: 0,
  campaign: 'spring' as CampaignKey,
  pool: 'aria',
  title: 'Live now: get ready with me',
  externalId: 'demo-live-1',
  minutesAgo: 40,
  rosesPerMinute: 20,
  audience: 50,
  /** A sold-out drop earlier in the stream, next to a spike. */
  manual: { minute: 14, roses: 60 },
  /** The drop open now: an hour-long window, claims coming in. */
  open: { roses: 500, claims: 30, windowSeconds: 3600 },
  /** Waits for the viewers' next roses: opens `aboveNow` roses from here (`npm run demo:traffic` gets there). */
  milestone: { aboveNow: 1500, roses: 1000 },
  seed: 21,
};

/** Streams still to come. */
export const DEMO_UPCOMING_STREAMS: readonly { creator: number; title: string; inHours: number }[] = [
  { creator: 0, title: 'Weekend special: spring looks', inHours: 50 },
  { creator: 1, title: 'Sunday skincare reset', inHours: 74 },
  { creator: 5, title: 'Sunrise intervals', inHours: 26 },
  { creator: 2, title: 'Studio tour', inHours: 30 },
];

/** Shoppers redeem about this share of the codes handed out in past drops. */
export const REDEEMED_SHARE = 0.35;
