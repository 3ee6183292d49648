import { IDENTITY_ENTITIES } from './identity/entities';
import { NotificationEntity } from './notifications/notification.entity';

/** Every TypeORM entity of every domain (the migration CLI and tests need the full list). */
export const ENTITIES: (new () => unknown)[] = [...IDENTITY_ENTITIES, NotificationEntity];
