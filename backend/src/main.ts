import { createApp } from './bootstrap';
import { seedDemoIfWanted } from './demo/seed-demo';
import { ConfigError, loadConfig } from './platform/config/app-config';
import { migrate } from './platform/database/migrate';
import { listenWithBacklog } from './platform/http/configure-http';
import { installGracefulShutdown } from './platform/http/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.migrateOnStart && config.runsApi) {
    const applied = await migrate(config.databaseUrl);
    if (applied.length) console.log(JSON.stringify({ level: 30, msg: 'migrations applied', applied }));
  }
  const { app, logger } = await createApp(config);
  installGracefulShutdown(app, logger);
  await seedDemoIfWanted(app);
  await listenWithBacklog(app, config.port, '0.0.0.0');
  logger.info(
    { port: config.port, role: config.role },
    `Bouquet ${config.role} listening on :${config.port}`,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Bouquet failed to start:', error instanceof Error ? error.stack : error);
  }
  process.exit(1);
});
