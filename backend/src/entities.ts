/** Every TypeORM entity of every domain (the migration CLI and tests need the full list). */
export const ENTITIES: (new () => unknown)[] = [];
