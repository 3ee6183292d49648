import { loadConfig, ConfigError } from '../platform/config/app-config';
import { migrate } from '../platform/database/migrate';

/** `npm run migrate [-- up | down [steps]]`: explicit migrations for deployments. */
async function main(): Promise<void> {
  const [direction = 'up', steps = '1'] = process.argv.slice(2);
  if (direction !== 'up' && direction !== 'down')
    throw new ConfigError(`Unknown direction ${direction}; use up or down`);
  const url = process.env.DATABASE_URL;
  if (!url) throw new ConfigError('Invalid configuration: DATABASE_URL is required (not set)');
  loadConfig({ ...process.env, REDIS_URL: process.env.REDIS_URL ?? 'redis://unused' });
  const names = await migrate(url, direction, Number(steps));
  console.log(
    names.length ? `${direction === 'up' ? 'Applied' : 'Reverted'}: ${names.join(', ')}` : 'Nothing to do',
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
