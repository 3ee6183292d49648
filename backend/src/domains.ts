import type { Type } from '@nestjs/common';

/** The domain modules, in dependency order. Each owns its tables, resolvers, REST paths and jobs. */
export const DOMAIN_MODULES: Type[] = [];
