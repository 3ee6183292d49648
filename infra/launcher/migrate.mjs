// `npm run migrate [-- down]`: runs the backend's migration CLI against
// DATABASE_URL, or against the embedded PostgreSQL in .data/ when it is unset.
// Builds the backend first when the CLI has not been built yet.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensurePostgres, log, onSignals, repoRoot, run } from './services.mjs';

const cli = path.join(repoRoot, 'dist/backend/backend/src/cli/migrate.js');
let db;
let code = 0;
onSignals(async (signal) => {
  await db?.stop(); // the CLI itself got the signal too when it came from the terminal
  process.exit(128 + os.constants.signals[signal]);
});

try {
  if (!fs.existsSync(cli)) {
    log('migration CLI not built yet: building the backend ...');
    await run('npx', ['nx', 'run', 'backend:build'], { env: { ...process.env, NX_DAEMON: 'false' } });
  }
  db = await ensurePostgres();
  const args = process.argv.slice(2);
  log(`running migrations${args.length ? ` (${args.join(' ')})` : ''} ...`);
  await run(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: db.url } });
  log('migrations done');
} catch (err) {
  console.error(`[bouquet] ${err.message}`);
  code = err.exitCode ?? 1;
}
await db?.stop();
process.exit(code);
