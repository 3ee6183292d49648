import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppConfig } from './platform/config/app-config';
import { ConfigModule } from './platform/config/config.module';
import { DatabaseModule } from './platform/database/database.module';
import { GraphQLPlatformModule } from './platform/graphql/graphql.module';
import { HealthModule } from './platform/health/health.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { PubSubModule } from './platform/pubsub/pubsub.module';
import { QueueModule } from './platform/queue/queue.module';
import { RedisModule } from './platform/redis/redis.module';
import { RateLimitModule } from './platform/rate-limit/rate-limit.module';
import { DOMAIN_MODULES } from './domains';

/** Serves the built portal at / with client-side routes falling back to index.html. */
function portalModules(config: AppConfig): DynamicModule[] {
  if (!config.runsApi || !config.portalDir) return [];
  const rootPath = resolve(config.portalDir);
  if (!existsSync(resolve(rootPath, 'index.html'))) return [];
  return [
    ServeStaticModule.forRoot({
      rootPath,
      exclude: ['/graphql', '/graphql/{*rest}', '/v1/{*rest}', '/health/{*rest}', '/metrics'],
      serveStaticOptions: { index: 'index.html', maxAge: '1h' },
    }),
  ];
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        RedisModule,
        MetricsModule,
        QueueModule,
        PubSubModule,
        RateLimitModule,
        HealthModule,
        GraphQLPlatformModule,
        ...DOMAIN_MODULES,
        ...portalModules(config),
      ],
    };
  }
}
