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
  private readonly listening = new WeakSet<NodeJS.EventEmitter>();

  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    const pool = (this.dataSource.driver as unknown as { master?: NodeJS.EventEmitter }).master;
    // The pool re-emits the error of an idle client; the client's own listener below has logged it
    // already if the client was ever checked out.
    pool?.on('error', (error: Error, client: NodeJS.EventEmitter) => {
      if (!this.listening.has(client)) this.log(error);
    });
    // A checked-out client has no pool listener, and its taker may not have attached its own yet:
    // when the pool hands a client just released by one query to a waiting TypeORM query runner,
    // it does so inside the parsing of that client's socket data, and the runner attaches its
    // listener only a few promise ticks later. A FATAL message read in the same chunk (Postgres
    // terminating the connection) is then emitted as 'error' with no listener, which would crash
    // the process. So every client gets a listener of its own the first time it is checked out,
    // synchronously, on 'acquire' ('connect' would miss the client TypeORM opened while
    // connecting, before this provider existed).
    pool?.on('acquire', (client: NodeJS.EventEmitter) => {
      if (this.listening.has(client)) return;
      this.listening.add(client);
      client.on('error', this.log);
    });
  }

  private readonly log = (error: Error) => this.logger.warn(`connection lost: ${error.message}`);
}
