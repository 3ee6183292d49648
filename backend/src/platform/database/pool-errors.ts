import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * A pooled connection that Postgres terminates (restart, failover, a killed backend) makes
 * the pg pool emit 'error'; without a listener that would crash the process. Log it instead: the
 * pool replaces the connection and requests answer a retryable error meanwhile.
 */
@Injectable()
export class PoolErrorListener implements OnModuleInit {
  private readonly logger = new Logger('DatabasePool');

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const pool = (this.dataSource.driver as unknown as { master?: NodeJS.EventEmitter }).master;
    const log = (error: Error) => this.logger.warn(`connection lost: ${error.message}`);
    pool?.on('error', log);
    // A client checked out when Postgres terminates it also emits 'error' (its query fails with
    // the same error, which the request maps to a retryable answer); give every client a listener.
    pool?.on('connect', (client: NodeJS.EventEmitter) => client.on('error', log));
  }
}
