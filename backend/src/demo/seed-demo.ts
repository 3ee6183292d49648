import type { INestApplication } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { DEMO_AGENCY, DEMO_BRANDS, DEMO_CREATORS, DEMO_PASSWORD } from './demo-data';
import { DemoSeeder, SEED_STEPS } from './demo-seeder.service';

/** Seeding runs in processes that serve the API, when SEED_DEMO is on, and never in production. */
export function demoWanted(config: Pick<AppConfig, 'seedDemo' | 'isProduction' | 'runsApi'>): boolean {
  return config.seedDemo && !config.isProduction && config.runsApi;
}

/**
 * Seeds the demo world once (never in production), printing progress with counts, then the demo
 * log-ins at every start. Replicas booting together wait for the first one's seeding.
 */
export async function seedDemoIfWanted(
  app: INestApplication,
  print: (line: string) => void = console.log,
): Promise<void> {
  const config = app.get(AppConfig);
  if (config.seedDemo && config.isProduction) {
    print('[demo] SEED_DEMO is ignored in production: no demo data is seeded');
    return;
  }
  if (!demoWanted(config)) return;
  const seeder = app.get(DemoSeeder);
  await seeder.exclusively(async () => {
    const state = await seeder.state();
    if (state === 'partial') {
      print('[demo] an earlier seeding was interrupted: the demo world is incomplete and is left as it is');
      print('[demo] for a fresh one, stop Bouquet and delete .data/postgres (or drop the database)');
    }
    if (state !== 'none') return;
    const started = Date.now();
    let step = 0;
    let last = started;
    print('[demo] seeding the demo world (first start) ...');
    await seeder.seed((name, detail) => {
      const took = ((Date.now() - last) / 1000).toFixed(1);
      last = Date.now();
      print(`[demo] (${++step}/${SEED_STEPS}) ${name}: ${detail} [${took} s]`);
    });
    print(`[demo] seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });
  const pad = (s: string) => s.padEnd(24);
  print(`[demo] log in at the portal with password "${DEMO_PASSWORD}" as:`);
  print(`[demo]   brand    ${pad(DEMO_BRANDS[0].email)}${DEMO_BRANDS[0].person}, ${DEMO_BRANDS[0].name}`);
  print(
    `[demo]   agency   ${pad(DEMO_AGENCY.email)}${DEMO_AGENCY.person}, ${DEMO_AGENCY.name} (manages ${DEMO_BRANDS[0].name})`,
  );
  print(
    `[demo]   creator  ${pad(DEMO_CREATORS[0].email)}${DEMO_CREATORS[0].displayName} (@${DEMO_CREATORS[0].handle})`,
  );
  const live = await seeder.liveStream();
  if (live)
    print(`[demo] live now: "${live.title}" (stream ${live.id}); npm run demo:traffic plays viewers into it`);
}
