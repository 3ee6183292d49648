/** Every BullMQ queue of the platform. Domains add theirs here so the worker and metrics see them. */
export const QUEUES = {
  system: 'system',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: QueueName[] = Object.values(QUEUES);
