// Fails when frontend/src/app/core/graphql/generated.ts is not what graphql-codegen makes from
// backend/schema.gql and the portal's operations today. Run `npx nx run frontend:codegen` to fix.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'frontend/src/app/core/graphql/generated.ts';
const dir = mkdtempSync(join(tmpdir(), 'bouquet-codegen-'));
const fresh = join(dir, 'generated.ts');
try {
  try {
    execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts'], {
      stdio: 'pipe',
      env: { ...process.env, GRAPHQL_CODEGEN_OUT: fresh },
    });
  } catch (error) {
    // e.g. a new scalar in the schema that codegen.ts does not map yet.
    process.stderr.write(`graphql-codegen failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    process.exit(1);
  }
  if (readFileSync(committed, 'utf8') !== readFileSync(fresh, 'utf8')) {
    console.error(
      `${committed} is stale: backend/schema.gql or an operation changed. Run: npx nx run frontend:codegen`,
    );
    process.exitCode = 1;
  } else {
    console.log(`${committed} is up to date.`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
