// R3: time to generate and persist 1,000,000 coupon codes (createCouponPool -> the worker's job ->
// generationStatus DONE), against psql \copy of as many random codes into a uniquely indexed table.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BUILD_DIR, psql, WORK_DIR } from '../lib/common.mjs';
import { fmt, fmtMs, fmtRatio } from '../lib/stats.mjs';
import { createPool, createWorld } from '../lib/world.mjs';

const require = createRequire(import.meta.url);

export default {
  id: 'R3',
  title: 'Generate and persist 1,000,000 codes (250,000 in --quick)',
  goal: 'ratio <= 2.0 (time / copy time)',
  async run(ctx) {
    const size = ctx.quick ? 250_000 : 1_000_000;
    const world = await createWorld(ctx.api);
    const { id: poolId, ms } = await createPool(world, { size, codePrefix: 'RC' });
    const [{ n }] = await ctx.db.query(`SELECT count(*)::int AS n FROM coupon_codes WHERE pool_id = $1`, [
      poolId,
    ]);
    if (n !== size) throw new Error(`pool ${poolId} holds ${n} codes, not ${size}`);
    // R1 redeems codes of this pool.
    ctx.shared.codePool = { world, poolId, size };

    // Baseline: the same number of codes drawn by the project's own generator, written to a file
    // and loaded with \copy into a table with a unique index (the floor for persisting them).
    const { randomCodes } = require(path.join(BUILD_DIR, 'backend/src/coupons/generation/random-codes.js'));
    const file = path.join(WORK_DIR, 'r3-codes.txt');
    fs.writeFileSync(file, randomCodes(size, 'CP', 10).join('\n') + '\n');
    try {
      await ctx.db.query(`CREATE TABLE bench_copy_codes (code text NOT NULL UNIQUE)`);
      const copy = await psql(ctx.db.url, `\\copy bench_copy_codes (code) FROM '${file}'`);
      await ctx.db.query(`DROP TABLE bench_copy_codes`);
      const ratio = ms / copy.ms;
      return {
        figure: `${fmtMs(ms)} for ${fmt(size)} codes (${fmt(size / (ms / 1000))}/s)`,
        baseline: `${fmtMs(copy.ms)} (\\copy)`,
        ratioValue: ratio,
        ratio: `${fmtRatio(ratio)}x`,
        met: ratio <= 2.0,
        notes: [
          `From the createCouponPool mutation to generationStatus DONE seen by polling every 100 ms (the worker's job, batches of 25,000 codes, two in flight); ${fmt(size)} rows checked.` +
            ` Baseline: psql \\copy of ${fmt(size)} codes drawn by the same generator into \`code text NOT NULL UNIQUE\`, drawing and writing the file not counted.`,
        ],
      };
    } finally {
      fs.rmSync(file, { force: true });
    }
  },
};
