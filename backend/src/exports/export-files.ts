import { Injectable } from '@nestjs/common';
import { isAbsolute, relative, resolve } from 'node:path';
import { AppConfig } from '../platform/config/app-config';

/**
 * Where export files live: under EXPORT_DIR (relative paths are taken from the working directory).
 * Workers write there and the api reads there, so in a deployment with several hosts it is a
 * shared volume (infra/docker-compose.yml, infra/k8s).
 */
@Injectable()
export class ExportFiles {
  constructor(private readonly config: AppConfig) {}

  get root(): string {
    return resolve(this.config.exportDir);
  }

  /** The stored (relative) path of a finished export. */
  finalName(exportId: string): string {
    return `${exportId}.csv`;
  }

  /** The file one attempt writes before it is renamed into place. */
  partPath(exportId: string, runId: string): string {
    return this.absolute(`${exportId}.${runId}.part`);
  }

  /** An absolute path under the root; refuses anything that would leave it. */
  absolute(name: string): string {
    const path = resolve(this.root, name);
    const rel = relative(this.root, path);
    if (!rel || rel.startsWith('..') || isAbsolute(rel))
      throw new Error(`Export path ${name} leaves EXPORT_DIR`);
    return path;
  }
}
