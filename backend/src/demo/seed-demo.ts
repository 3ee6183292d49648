import type { INestApplication } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { DEMO_AGENCY, DEMO_BRANDS, DEMO_CREATORS, DEMO_PASSWORD } from './demo-data';
import { DemoSeeder } from './demo-seeder.service';

/** Seeds the demo world once (never in production), printing progress and the demo log-ins. */
export async function seedDemoIfWanted(
  app: INestApplication,
  print: (line: string) => void = console.log,
): Promise<void> {
  const config = app.get(AppConfig);
  if (!config.seedDemo || config.isProduction || !config.runsApi) return;
  const seeder = app.get(DemoSeeder);
  if (!(await seeder.alreadySeeded())) {
    const started = Date.now();
    await seeder.seed((step, done, total) =>
      print(`[demo] ${'#'.repeat(done)}${'.'.repeat(total - done)} ${step}`),
    );
    print(`[demo] seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  print('[demo] log in with password "' + DEMO_PASSWORD + '" as:');
  print(`[demo]   brand    ${DEMO_BRANDS[0].email}  (${DEMO_BRANDS[0].name})`);
  print(`[demo]   agency   ${DEMO_AGENCY.email}  (${DEMO_AGENCY.name}, manages ${DEMO_BRANDS[0].name})`);
  print(`[demo]   creator  ${DEMO_CREATORS[0].email}  (@${DEMO_CREATORS[0].handle})`);
}
