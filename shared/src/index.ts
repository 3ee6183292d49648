export * from './lib/currencies';
export * from './lib/money';
export * from './lib/coupon-codes';
export * from './lib/errors';
export * from './lib/enums';
