import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { clearRedisPrefix, TEST_REDIS_URL } from '@bouquet/testing';
import { createApp } from '../bootstrap';
import { AppConfig, loadConfig } from '../platform/config/app-config';
import { listenWithBacklog } from '../platform/http/configure-http';
import { createTestDatabase, TestDatabase } from './test-database';

export interface GqlResult<T = any> {
  data?: T;
  errors?: {
    message: string;
    extensions?: { code?: string; fields?: { field: string; message: string }[]; [k: string]: unknown };
  }[];
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  db: TestDatabase;
  dataSource: DataSource;
  baseUrl: string;
  redisPrefix: string;
  /** POSTs a GraphQL operation; `token` becomes the bearer credential. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResult<T>>;
  /** Plain HTTP against the app. */
  http(path: string, init?: RequestInit & { token?: string; json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Reuse a database (e.g. two processes of one deployment); else a fresh one is created. */
  db?: TestDatabase;
  redisPrefix?: string;
}

/**
 * Boots the real application on a fresh migrated database and its own Redis key prefix,
 * listening on a free port. `close()` removes both.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  const redisPrefix = options.redisPrefix ?? `bqt${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: redisPrefix,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_POOL_SIZE: '10',
    EXPORT_DIR: `tmp/exports/${redisPrefix}`,
    ...options.env,
  });
  const { app } = await createApp(config);
  await listenWithBacklog(app, 0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;

  const http: TestApp['http'] = (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set('Authorization', `Bearer ${init.token}`);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(baseUrl + path, { ...init, headers, body });
  };

  return {
    app,
    config,
    db,
    dataSource: app.get(DataSource),
    baseUrl,
    redisPrefix,
    http,
    async gql(query, variables, token) {
      const res = await http('/graphql', { method: 'POST', json: { query, variables }, token });
      return (await res.json()) as GqlResult;
    },
    async close() {
      await app.close();
      if (!options.db) await db.drop();
      if (!options.redisPrefix) await clearRedisPrefix(redisPrefix);
    },
  };
}
