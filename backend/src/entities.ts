import { CampaignEntity } from './campaigns/campaign.entity';
import { CreatorEntity } from './creators/creator.entity';
import { COUPON_ENTITIES } from './coupons/entities';
import { DROP_ENTITIES } from './drops/drop.entity';
import { ExportEntity } from './exports/export.entity';
import { IDENTITY_ENTITIES } from './identity/entities';
import { LedgerEntryEntity } from './ledger/ledger-entry.entity';
import { NEGOTIATION_ENTITIES } from './negotiation/offer.entities';
import { NotificationEntity } from './notifications/notification.entity';
import { StreamEntity } from './streams/stream.entity';

/** Every TypeORM entity of every domain (the migration CLI and tests need the full list). */
export const ENTITIES: (new () => unknown)[] = [
  ...IDENTITY_ENTITIES,
  NotificationEntity,
  CreatorEntity,
  StreamEntity,
  CampaignEntity,
  LedgerEntryEntity,
  ...COUPON_ENTITIES,
  ...NEGOTIATION_ENTITIES,
  ...DROP_ENTITIES,
  ExportEntity,
];
