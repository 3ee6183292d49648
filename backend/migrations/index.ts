import { Foundation1764000000000 } from './1764000000000-foundation';
import { Identity1764000001000 } from './1764000001000-identity';
import { Campaigns1764000002000 } from './1764000002000-campaigns';
import { Coupons1764000003000 } from './1764000003000-coupons';
import { Negotiation1764000004000 } from './1764000004000-negotiation';
import { Drops1764000005000 } from './1764000005000-drops';
import { Ingest1764000006000 } from './1764000006000-ingest';
import { Exports1764000007000 } from './1764000007000-exports';
import { CouponPoolCounters1764000008300 } from './1764000008300-coupon-pool-counters';
import { CouponHotPaths1764000009300 } from './1764000009300-coupon-hot-paths';
import { IncrementalRollups1764000009100 } from './1764000009100-incremental-rollups';
import { IngestDedupeKey1764000009400 } from './1764000009400-ingest-dedupe-key';

/** Every migration, in order. Generated or hand-written, reviewed, each with a working `down`. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Identity1764000001000,
  Campaigns1764000002000,
  Coupons1764000003000,
  Negotiation1764000004000,
  Drops1764000005000,
  Ingest1764000006000,
  Exports1764000007000,
  CouponPoolCounters1764000008300,
  IncrementalRollups1764000009100,
  CouponHotPaths1764000009300,
  IngestDedupeKey1764000009400,
];
