/** Enums of the public API, shared by backend and portal. Values equal their GraphQL names. */
export enum OrganizationKind {
  BRAND = 'BRAND',
  AGENCY = 'AGENCY',
  CREATOR = 'CREATOR',
}
export enum MembershipRole {
  OWNER = 'OWNER',
  MANAGER = 'MANAGER',
  VIEWER = 'VIEWER',
}
export enum ApiScope {
  REDEMPTIONS_WRITE = 'REDEMPTIONS_WRITE',
  EVENTS_WRITE = 'EVENTS_WRITE',
  DROPS_CLAIM = 'DROPS_CLAIM',
}
export enum StreamStatus {
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
  CANCELLED = 'CANCELLED',
}
export enum CampaignStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
}
export enum CampaignObjective {
  AWARENESS = 'AWARENESS',
  ENGAGEMENT = 'ENGAGEMENT',
  SALES = 'SALES',
}
export enum OfferStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}
export enum Party {
  BRAND = 'BRAND',
  CREATOR = 'CREATOR',
}
export enum DropTrigger {
  SCHEDULED = 'SCHEDULED',
  MANUAL = 'MANUAL',
  GIFT_MILESTONE = 'GIFT_MILESTONE',
}
export enum DropStatus {
  SCHEDULED = 'SCHEDULED',
  OPEN = 'OPEN',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  EXPIRED = 'EXPIRED',
}
export enum DiscountType {
  PERCENT = 'PERCENT',
  FIXED_AMOUNT = 'FIXED_AMOUNT',
}
export enum JobStatus {
  PENDING = 'PENDING',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
export enum CouponCodeStatus {
  AVAILABLE = 'AVAILABLE',
  ISSUED = 'ISSUED',
  EXHAUSTED = 'EXHAUSTED',
}
export enum CouponRejection {
  NOT_FOUND = 'NOT_FOUND',
  NOT_STARTED = 'NOT_STARTED',
  EXPIRED = 'EXPIRED',
  USAGE_LIMIT_REACHED = 'USAGE_LIMIT_REACHED',
  CUSTOMER_LIMIT_REACHED = 'CUSTOMER_LIMIT_REACHED',
  CAMPAIGN_INACTIVE = 'CAMPAIGN_INACTIVE',
  CURRENCY_MISMATCH = 'CURRENCY_MISMATCH',
}
export enum RedemptionStatus {
  SUCCEEDED = 'SUCCEEDED',
  ROLLED_BACK = 'ROLLED_BACK',
}
export enum StreamEventType {
  GIFT = 'GIFT',
  VIEWER_JOINED = 'VIEWER_JOINED',
  VIEWER_LEFT = 'VIEWER_LEFT',
  LIKE = 'LIKE',
  COMMENT = 'COMMENT',
  STREAM_STARTED = 'STREAM_STARTED',
  STREAM_ENDED = 'STREAM_ENDED',
}
