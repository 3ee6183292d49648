import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { AppConfig } from './platform/config/app-config';
import { configureHttp } from './platform/http/configure-http';
import { createPino, PinoNestLogger } from './platform/logging/logger';

export interface BuiltApp {
  app: NestExpressApplication;
  logger: Logger;
}

/** Builds and initializes the application for a configuration (does not listen). */
export async function createApp(config: AppConfig): Promise<BuiltApp> {
  const logger = createPino(config.logLevel);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
    abortOnError: false,
  });
  configureHttp(app, config, logger);
  await app.init();
  return { app, logger };
}
