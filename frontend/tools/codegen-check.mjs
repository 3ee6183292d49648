// Fails when the committed GraphQL code (frontend/src/app/core/graphql/generated.ts and every
// frontend/src/**/*.generated.ts) is not what graphql-codegen makes from backend/schema.gql and the portal's
// operations today, or when a *.generated.ts is left over from a removed .graphql file.
// Run `npx nx run frontend:codegen` to fix.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TYPES = 'frontend/src/app/core/graphql/generated.ts';

/** Generated files under `root`, as paths relative to it. */
function generatedFiles(root) {
  const src = join(root, 'frontend/src');
  if (!existsSync(src)) return [];
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.generated.ts'))
    .map((file) => join('frontend/src', file))
    .concat(existsSync(join(root, TYPES)) ? [TYPES] : [])
    .sort();
}

const dir = mkdtempSync(join(tmpdir(), 'bouquet-codegen-'));
try {
  try {
    execFileSync('npx', ['graphql-codegen', '--config', 'codegen.ts'], {
      stdio: 'pipe',
      env: { ...process.env, GRAPHQL_CODEGEN_ROOT: dir },
    });
  } catch (error) {
    // e.g. a new scalar in the schema that codegen.ts does not map yet.
    process.stderr.write(`graphql-codegen failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    process.exit(1);
  }
  const fresh = generatedFiles(dir);
  const committed = generatedFiles('.');
  const problems = [
    ...fresh
      .filter(
        (file) => !existsSync(file) || readFileSync(file, 'utf8') !== readFileSync(join(dir, file), 'utf8'),
      )
      .map((file) => `${file} is ${existsSync(file) ? 'stale' : 'missing'}`),
    ...committed
      .filter((file) => !fresh.includes(file))
      .map((file) => `${file} has no .graphql file any more`),
  ];
  if (problems.length) {
    console.error(
      `${problems.join('\n')}\nbackend/schema.gql or an operation changed. Run: npx nx run frontend:codegen`,
    );
    process.exitCode = 1;
  } else {
    console.log(`${fresh.length} generated GraphQL files are up to date.`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
