import DataLoader from 'dataloader';
import type { Request, Response } from 'express';
import type { Actor } from './actor';

/**
 * Per-request DataLoaders: `ctx.loaders.get('campaignById', () => new DataLoader(...))` creates the
 * loader once per request, so every @ResolveField batches through it.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create() as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /**
   * Forgets every cached value. A subscription keeps one context for its whole life, so its
   * `resolve` calls this for each event: every event is answered from the database as it is now.
   */
  clear(): void {
    this.loaders.clear();
  }
}

/** The GraphQL context of one operation (HTTP request or subscription). */
export interface RequestContext {
  req?: Request;
  res?: Response;
  actor: Actor | null;
  /** Why the given credentials were refused (expired token, revoked key...). */
  authError?: Error;
  requestId?: string;
  ip?: string;
  loaders: LoaderRegistry;
}
