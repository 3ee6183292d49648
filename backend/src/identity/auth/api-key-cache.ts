import { ApiScope } from '@bouquet/shared';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../platform/config/app-config';
import { PubSubService } from '../../platform/pubsub/pubsub.service';

/** How long this process trusts a key it looked up, should a revocation's message be lost. */
export const API_KEY_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;
const REVOKED_TOPIC = 'apiKeys:revoked';

export interface CachedApiKey {
  id: string;
  organizationId: string;
  scopes: ApiScope[];
}

/**
 * The API keys this process has recently resolved, by secret hash, so the integrations' hot paths
 * (claims, redemptions, event batches: thousands of requests a second with the same key) skip a
 * Postgres round trip per request. A revocation removes the key from every api replica's cache at
 * once through Redis pub/sub (published before the revoking request answers); should that message
 * be lost (Redis down), an entry lives at most API_KEY_TTL_MS. A lookup that was in flight while
 * a revocation arrived is not kept.
 */
@Injectable()
export class ApiKeyCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ApiKeyCache.name);
  private readonly entries = new Map<string, { key: CachedApiKey; until: number }>();
  private generation = 0;
  private revocations?: AsyncIterableIterator<{ id: string }>;

  constructor(
    private readonly pubsub: PubSubService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Only api processes resolve keys (a worker caches none, so it has nothing to forget).
    if (!this.config.runsApi) return;
    this.revocations = this.pubsub.asyncIterator<{ id: string }>(REVOKED_TOPIC);
    void (async () => {
      try {
        for await (const { id } of this.revocations as AsyncIterableIterator<{ id: string }>) this.forget(id);
      } catch (err) {
        this.logger.warn(`API key revocations no longer followed: ${String(err)}`);
      }
    })();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.revocations?.return?.();
  }

  get(hash: string): CachedApiKey | null {
    const entry = this.entries.get(hash);
    if (!entry) return null;
    if (entry.until > Date.now()) return entry.key;
    this.entries.delete(hash);
    return null;
  }

  /** A token for `set`: a lookup started before a revocation arrived must not be cached. */
  get version(): number {
    return this.generation;
  }

  set(hash: string, key: CachedApiKey, version: number): void {
    if (version !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(hash, { key, until: Date.now() + API_KEY_TTL_MS });
  }

  /** Tells every replica (this one at once) that the key is revoked. */
  async revoked(id: string): Promise<void> {
    this.forget(id);
    await this.pubsub.publish(REVOKED_TOPIC, { id });
  }

  private forget(id: string): void {
    this.generation++;
    for (const [hash, entry] of this.entries) if (entry.key.id === id) this.entries.delete(hash);
  }
}
