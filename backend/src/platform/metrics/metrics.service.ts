import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ALL_QUEUES } from '../queue/queues';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Prometheus metrics of this process (its own registry, so several apps can share a test process). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly graphqlDuration = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation latency',
    labelNames: ['operation', 'type', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly jobsProcessed = new Counter({
    name: 'queue_jobs_processed_total',
    help: 'Jobs completed by this process',
    labelNames: ['queue', 'name'],
    registers: [this.registry],
  });

  readonly jobsFailed = new Counter({
    name: 'queue_jobs_failed_total',
    help: 'Job attempts that failed in this process',
    labelNames: ['queue', 'name'],
    registers: [this.registry],
  });

  /** Claims per group-commit transaction of a drop (DropClaimBatches): how much claims share. */
  readonly claimBatchSize = new Histogram({
    name: 'drop_claim_batch_size',
    help: 'Claims decided per claim batch transaction',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128],
    registers: [this.registry],
  });

  readonly redemptionBatchSize = new Histogram({
    name: 'redemption_batch_size',
    help: 'Redemptions written per redemption batch statement',
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });

  readonly redemptionBatchFallbacks = new Counter({
    name: 'redemption_batch_fallbacks_total',
    help: 'Redemption batch statements that failed, their redemptions then decided one at a time',
    registers: [this.registry],
  });

  readonly replicaReads = new Counter({
    name: 'replica_reads_total',
    help: 'Reads meant for the read replica (DATABASE_READ_URL), by where they ran: replica, or primary when it could not be reached',
    labelNames: ['served_by'],
    registers: [this.registry],
  });

  constructor(moduleRef: ModuleRef) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        await Promise.all(
          ALL_QUEUES.map(async (name) => {
            const queue = moduleRef.get<Queue>(getQueueToken(name), { strict: false });
            const counts = await queue
              .getJobCounts('waiting', 'active', 'delayed', 'failed')
              .catch(() => null);
            for (const [state, n] of Object.entries(counts ?? {})) this.set({ queue: name, state }, n);
          }),
        );
      },
    });
  }
}
