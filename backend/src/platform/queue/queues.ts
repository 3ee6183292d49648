/** Every BullMQ queue of the platform. Domains add theirs here so the worker and metrics see them. */
export const QUEUES = {
  system: 'system',
  coupons: 'coupons',
  offers: 'offers',
  drops: 'drops',
  analytics: 'analytics',
  exports: 'exports',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);
