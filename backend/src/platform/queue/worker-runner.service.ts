import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import type { Job, Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';

/** Starts every queue worker when this process has the worker role. */
@Injectable()
export class WorkerRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerRunner.name);
  private started: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  get workers(): Worker[] {
    return this.started;
  }

  onApplicationBootstrap(): void {
    if (!this.config.runsWorkers) return;
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (!(instance instanceof WorkerHost)) continue;
      const worker = instance.worker;
      worker.on('completed', (job: Job) =>
        this.metrics.jobsProcessed.inc({ queue: job.queueName, name: job.name }),
      );
      worker.on('failed', (job: Job | undefined, err: Error) => {
        this.metrics.jobsFailed.inc({ queue: worker.name, name: job?.name ?? 'unknown' });
        this.logger.warn(`Job ${worker.name}/${job?.name} ${job?.id} failed: ${err.message}`);
      });
      worker.on('error', (err: Error) => this.logger.warn(`Worker ${worker.name}: ${err.message}`));
      void worker
        .run()
        .catch((err: Error) => this.logger.error(`Worker ${worker.name} stopped: ${err.message}`));
      this.started.push(worker);
    }
    this.logger.log(`Started ${this.started.length} queue workers`);
  }
}
