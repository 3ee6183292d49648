import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { InjectRedis } from '../redis/redis.module';
import { JobRestorer, RestoresJobs } from './job-restorer';

/** How often a worker process looks at Redis for lost queue data. */
export const RECOVERY_CHECK_EVERY_MS = 2_000;
/**
 * How often one worker of the deployment re-runs the restorers even though nothing looked wrong:
 * an enqueue that waited for Redis in a process that died before Redis returned is lost without
 * any outage or data loss a worker could see.
 */
export const SWEEP_EVERY_MS = 5 * 60_000;
/** A restore that takes longer is given up (and retried); the lock outlives it a little. */
const RESTORE_TIMEOUT_MS = 60_000;
const LOCK_TTL_MS = RESTORE_TIMEOUT_MS + 10_000;
const QUERY_TIMEOUT_MS = 1_500;

export type RecoveryReason = 'boot' | 'data-loss' | 'reconnect' | 'sweep';

export interface RecoveryRun {
  reason: RecoveryReason;
  at: Date;
  /** Jobs (re-)enqueued per restorer. */
  restored: Record<string, number>;
}

function within<T>(ms: number, pending: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  pending.catch(() => undefined);
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}

/** Deletes the lock only when it is still ours (it may have expired and been taken over). */
const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/**
 * Keeps the delayed and repeatable jobs that Postgres says should exist present in Redis, without
 * a process restart. In a process with queue workers it runs every `@RestoresJobs` provider:
 * - at boot;
 * - when Redis answers without the marker key (it came back empty: restarted without persistence,
 *   flushed, failed over to an empty replica), within about `RECOVERY_CHECK_EVERY_MS` of its return;
 * - after an outage this process saw (an enqueue bounded by `JobsService.enqueueRecoverable` may
 *   have been lost with the process that made it);
 * - every `SWEEP_EVERY_MS`, by one worker of the deployment (a key with that lifetime elects it),
 *   for a job lost where no worker could see it.
 *
 * Several workers notice at once: one restores under a Redis NX lock, the others wait for the
 * marker. Restoring is idempotent anyway (fixed job ids, upserted schedulers). The marker is set
 * only after every restorer succeeded, so a failed restore is retried on the next check.
 */
@Injectable()
export class QueueRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(QueueRecovery.name);
  private readonly marker: string;
  private readonly lock: string;
  private restorers: { name: string; instance: JobRestorer }[] = [];
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private restoredSinceBoot = false;
  private outageSeen = false;
  private stopped = false;
  /** Public so tests can shorten them. */
  restoreTimeoutMs = RESTORE_TIMEOUT_MS;
  sweepEveryMs = SWEEP_EVERY_MS;
  private readonly swept: string;
  /** The last successful run, for readiness details and tests. */
  lastRun?: RecoveryRun;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
    @InjectRedis() private readonly redis: Redis,
  ) {
    this.marker = `${config.redisPrefix}:q:workers-booted`;
    this.lock = `${config.redisPrefix}:q:restoring`;
    this.swept = `${config.redisPrefix}:q:swept`;
  }

  /** Whether this process restores jobs (it runs queue workers). */
  get enabled(): boolean {
    return this.config.runsWorkers;
  }

  get restorerNames(): string[] {
    return this.restorers.map((r) => r.name);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    this.restorers = this.discovery
      .getProviders({ metadataKey: RestoresJobs.KEY })
      .filter((wrapper) => wrapper.instance)
      .map((wrapper) => ({
        name: this.discovery.getMetadataByDecorator(RestoresJobs, wrapper) ?? wrapper.name,
        instance: wrapper.instance as JobRestorer,
      }));
    this.redis.on('close', () => {
      if (!this.stopped) this.outageSeen = true;
    });
    await this.redisReady(5_000);
    await this.check();
    this.timer = setInterval(() => void this.check(), RECOVERY_CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /**
   * False when Redis answers without the marker, or this process has not restored yet (Redis was
   * down since boot): delayed and repeatable jobs may be missing. True when Redis does not answer
   * (readiness reports the outage itself).
   */
  async queueDataIntact(): Promise<boolean> {
    if (!this.enabled) return true;
    const present = await this.markerPresent().catch(() => null);
    if (present === null) return true;
    return present && this.restoredSinceBoot;
  }

  /** One look at Redis; restores when needed. Concurrent calls share the run in progress. */
  check(): Promise<void> {
    this.running ??= this.checkOnce()
      .catch((error: Error) => this.logger.warn(`Queue recovery will retry: ${error.message}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async checkOnce(): Promise<void> {
    let present: boolean;
    try {
      present = await this.markerPresent();
    } catch {
      this.outageSeen = true; // Redis does not answer: look again on the next tick.
      return;
    }
    const reason: RecoveryReason | null = !this.restoredSinceBoot
      ? 'boot'
      : !present
        ? 'data-loss'
        : this.outageSeen
          ? 'reconnect'
          : (await this.sweepDue())
            ? 'sweep'
            : null;
    if (!reason) return;
    const token = randomUUID();
    const locked = await within(
      QUERY_TIMEOUT_MS,
      this.redis.set(this.lock, token, 'PX', LOCK_TTL_MS, 'NX'),
      'taking the restore lock',
    );
    // Another worker restores right now: its marker tells when it is done; look again then.
    if (locked !== 'OK') return;
    this.outageSeen = false;
    try {
      const restored: Record<string, number> = {};
      for (const { name, instance } of this.restorers)
        restored[name] = await within(
          this.restoreTimeoutMs,
          instance.restoreJobs(),
          `restoring ${name} jobs`,
        );
      await within(
        QUERY_TIMEOUT_MS,
        this.redis.set(this.marker, new Date().toISOString()),
        'setting the marker',
      );
      this.restoredSinceBoot = true;
      this.lastRun = { reason, at: new Date(), restored };
      // Whatever the reason, the deployment was just swept: the next sweep is due a period later.
      await within(
        QUERY_TIMEOUT_MS,
        this.redis.set(this.swept, this.lastRun.at.toISOString(), 'PX', this.sweepEveryMs),
        'noting the sweep',
      ).catch(() => undefined);
      const total = Object.values(restored).reduce((a, b) => a + b, 0);
      const log = `Queue jobs restored from Postgres (${reason}): ${total} jobs (${JSON.stringify(restored)})`;
      if (reason === 'data-loss') this.logger.warn(log);
      else this.logger.log(log);
    } catch (error) {
      this.outageSeen = true;
      throw error;
    } finally {
      await within(
        QUERY_TIMEOUT_MS,
        this.redis.eval(RELEASE_LOCK, 1, this.lock, token),
        'releasing the lock',
      ).catch(
        () => undefined, // expires on its own
      );
    }
  }

  /** The client fails fast while not connected: at boot, give its first connection a moment. */
  private redisReady(ms: number): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.redis.once('ready', done);
    });
  }

  /** True for one worker of the deployment once per `sweepEveryMs`. */
  private async sweepDue(): Promise<boolean> {
    const elected = await within(
      QUERY_TIMEOUT_MS,
      this.redis.set(this.swept, new Date().toISOString(), 'PX', this.sweepEveryMs, 'NX'),
      'electing the sweeper',
    );
    return elected === 'OK';
  }

  private async markerPresent(): Promise<boolean> {
    return (await within(QUERY_TIMEOUT_MS, this.redis.exists(this.marker), 'reading the marker')) === 1;
  }
}
