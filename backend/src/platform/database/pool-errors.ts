import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * An idle pooled connection that Postgres terminates (restart, failover, a killed backend) makes
 * the pg pool emit 'error'; without a listener that would crash the process. Log it instead: the
 * pool replaces the connection and requests answer a retryable error meanwhile.
 */
@Injectable()
export class PoolErrorListener implements OnModuleInit {
  private readonly logger = new Logger('DatabasePool');

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const pool = (this.dataSource.driver as unknown as { master?: NodeJS.EventEmitter }).master;
    pool?.on('error', (error: Error) => this.logger.warn(`idle connection lost: ${error.message}`));
  }
}
