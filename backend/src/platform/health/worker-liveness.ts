import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Worker } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { JobsService } from '../queue/jobs.service';
import { QueueRecovery } from '../queue/queue-recovery.service';
import type { QueueName } from '../queue/queues';
import { WorkerRunner } from '../queue/worker-runner.service';

/** How long a job may wait while this process's worker of its queue sits idle before readiness fails. */
export const WORKER_STALL_MS = 30_000;
const QUERY_TIMEOUT_MS = 1500;

interface Activity {
  lastActiveAt: number;
  inFlight: number;
}

/**
 * Notices a queue worker that stopped consuming (e.g. BullMQ's blocking connection stuck after a
 * Redis restart): a job of its queue has waited longer than `stallMs` while the worker holds no
 * job and has started none for as long. A busy worker (jobs in flight) is not stalled.
 *
 * Also reports Redis coming back EMPTY (restarted without persistence, flushed) until
 * `QueueRecovery` has re-created the delayed and repeatable jobs from Postgres, which it does on
 * its own within seconds. Only in the `worker` role: an `all` process keeps serving its API (its
 * readiness gates traffic) while it recovers.
 */
@Injectable()
export class WorkerLiveness implements OnApplicationBootstrap {
  /** Public so operations tests can shorten it. */
  stallMs = WORKER_STALL_MS;
  private readonly activity = new WeakMap<Worker, Activity>();
  private readonly watchesDataLoss: boolean;

  constructor(
    private readonly runner: WorkerRunner,
    private readonly jobs: JobsService,
    private readonly recovery: QueueRecovery,
    config: AppConfig,
  ) {
    this.watchesDataLoss = config.role === 'worker';
  }

  onApplicationBootstrap(): void {
    for (const worker of this.runner.workers) this.track(worker);
  }

  get hasWorkers(): boolean {
    return this.runner.workers.length > 0;
  }

  private track(worker: Worker): Activity {
    let activity = this.activity.get(worker);
    if (!activity) {
      const state: Activity = { lastActiveAt: Date.now(), inFlight: 0 };
      const settled = () => {
        state.inFlight = Math.max(0, state.inFlight - 1);
        state.lastActiveAt = Date.now();
      };
      worker.on('active', () => {
        state.inFlight += 1;
        state.lastActiveAt = Date.now();
      });
      worker.on('completed', settled);
      worker.on('failed', settled);
      this.activity.set(worker, state);
      activity = state;
    }
    return activity;
  }

  /** What keeps the workers of this process from consuming, one line each; empty when nothing does. */
  async problems(now = Date.now()): Promise<string[]> {
    const problems: string[] = [];
    if (this.watchesDataLoss && this.hasWorkers && !(await this.recovery.queueDataIntact()))
      problems.push(
        'redis: its queue data was lost (or not yet restored since this worker started); delayed and repeatable jobs are being re-created from Postgres',
      );
    for (const worker of this.runner.workers) {
      const activity = this.track(worker);
      if (!worker.isRunning()) {
        problems.push(`${worker.name}: the worker is not running`);
        continue;
      }
      if (activity.inFlight > 0 || now - activity.lastActiveAt < this.stallMs) continue;
      const since = await this.oldestWaitingSince(worker.name as QueueName);
      if (since !== null && now - since > this.stallMs)
        problems.push(
          `${worker.name}: a job has waited ${Math.round((now - since) / 1000)} s and the worker takes none`,
        );
    }
    return problems;
  }

  /** When the oldest waiting job of a queue became due, or null when none waits (or Redis does not answer). */
  private async oldestWaitingSince(queue: QueueName): Promise<number | null> {
    const lookup = this.jobs
      .queue(queue)
      .getJobs(['wait'], 0, 0, true)
      .then(([job]) => (job ? job.timestamp + (job.delay ?? 0) : null));
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), QUERY_TIMEOUT_MS).unref());
    return Promise.race([lookup.catch(() => null), timeout]);
  }
}
