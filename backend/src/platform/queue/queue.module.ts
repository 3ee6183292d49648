import { BullModule } from '@nestjs/bullmq';
import { Global, Module } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { DiscoveryModule } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../redis/redis-options';
import { JobsService } from './jobs.service';
import { QueueRecovery } from './queue-recovery.service';
import { ALL_QUEUES } from './queues';
import { SystemProcessor } from './system.processor';
import { WorkerRunner } from './worker-runner.service';

@Global()
@Module({
  imports: [
    DiscoveryModule,
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // BullMQ workers need maxRetriesPerRequest: null to block on Redis across reconnects.
        connection: redisOptions(config.redisUrl, { maxRetriesPerRequest: null }) as ConnectionOptions,
        prefix: `${config.redisPrefix}:q`,
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [JobsService, WorkerRunner, SystemProcessor, QueueRecovery],
  exports: [JobsService, WorkerRunner, QueueRecovery, BullModule],
})
export class QueueModule {}
