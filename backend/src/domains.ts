import type { Type } from '@nestjs/common';
import { IdentityModule } from './identity/identity.module';
import { NotificationsModule } from './notifications/notifications.module';

/** The domain modules, in dependency order. Each owns its tables, resolvers, REST paths and jobs. */
export const DOMAIN_MODULES: Type[] = [IdentityModule, NotificationsModule];
