import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor';
import type { CsvValue } from './csv';

/** Parameters of one export as stored with it (ids, names): small, JSON, checked by `authorize`. */
export type ExportParams = Record<string, string>;

/** What `authorize` settles: who owns the file and what the download is called. */
export interface ExportGrant {
  /** The organization whose members (and granted agencies) may read and download the export. */
  ownerOrganizationId: string;
  /** The download's file name without extension, e.g. `coupon-codes-spring-2026`. */
  fileStem: string;
}

/**
 * One kind of export, provided by the domain that owns its data (coupons, analytics) and
 * registered with `ExportSources`, so the exports domain depends on none of them.
 */
export interface ExportRowSource {
  /** `Export.kind`, e.g. `COUPON_CODES`. */
  readonly kind: string;
  /** The CSV header, one name per column. */
  readonly header: readonly string[];
  /**
   * Checks, when the export is requested, that the actor may read what it holds (throwing the
   * same NOT_FOUND / FORBIDDEN as reading it would) and names the owner of the file.
   */
  authorize(actor: Actor, params: ExportParams): Promise<ExportGrant>;
  /**
   * The rows, in batches pulled one at a time by the writer (so a batch is only read from
   * Postgres once the file has taken the previous one): never the whole export in memory.
   */
  batches(params: ExportParams): AsyncIterable<readonly (readonly CsvValue[])[]>;
}

/** The registry of row sources; domains register theirs in `onModuleInit`. */
@Injectable()
export class ExportSources {
  private readonly sources = new Map<string, ExportRowSource>();

  register(source: ExportRowSource): void {
    if (this.sources.has(source.kind)) throw new Error(`Export kind ${source.kind} is registered twice`);
    this.sources.set(source.kind, source);
  }

  get(kind: string): ExportRowSource {
    const source = this.sources.get(kind);
    if (!source) throw new Error(`No export row source registered for ${kind}`);
    return source;
  }

  has(kind: string): boolean {
    return this.sources.has(kind);
  }
}
