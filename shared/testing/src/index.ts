export * from './lib/eventually';
export * from './lib/ports';
export * from './lib/redis';
export * from './lib/services';
export * from './lib/subscriptions';
