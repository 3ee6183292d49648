import { startTestApp, TestApp } from '../testing/test-app';
import { DemoSeeder } from './demo-seeder.service';
import { seedDemoIfWanted } from './seed-demo';

describe('demo world', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ env: { SEED_DEMO: 'true' } })));
  afterAll(() => t.close());

  it('seeds once through the services, with something true in every status', async () => {
    const lines: string[] = [];
    await seedDemoIfWanted(t.app, (l) => lines.push(l));
    expect(lines.some((l) => /seeded in/.test(l))).toBe(true);
    expect(lines.join('\n')).toMatch(/brand@demo\.bouquet/);
    const count = async (sql: string) => (await t.dataSource.query(sql))[0].n as number;
    expect(await count(`SELECT count(*)::int AS n FROM creators`)).toBe(30);
    const statuses = (await t.dataSource.query(`SELECT DISTINCT status FROM campaigns ORDER BY 1`)).map(
      (r: { status: string }) => r.status,
    );
    expect(statuses).toEqual(['ACTIVE', 'CANCELLED', 'COMPLETED', 'DRAFT', 'PAUSED']);
    const offers = (await t.dataSource.query(`SELECT DISTINCT status FROM offers ORDER BY 1`)).map(
      (r: { status: string }) => r.status,
    );
    expect(offers).toEqual(expect.arrayContaining(['ACCEPTED', 'DECLINED', 'PENDING', 'WITHDRAWN']));
    expect(await count(`SELECT count(*)::int AS n FROM drop_claims`)).toBeGreaterThan(100);
    expect(await count(`SELECT count(*)::int AS n FROM streams WHERE status = 'LIVE'`)).toBeGreaterThan(0);
    // The ledger stays consistent with the campaigns' totals.
    const drift = await t.dataSource.query(`
      SELECT c.id FROM campaigns c LEFT JOIN ledger_entries e ON e.campaign_id = c.id GROUP BY c.id, c.spent, c.reserved
      HAVING c.spent <> coalesce(sum(e.amount) FILTER (WHERE e.kind = 'COMMIT'), 0)
          OR c.reserved <> coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RESERVE'), 0) - coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RELEASE'), 0)`);
    expect(drift).toEqual([]);

    const before = await count(`SELECT count(*)::int AS n FROM users`);
    await seedDemoIfWanted(t.app, () => undefined);
    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(before);
    expect(await t.app.get(DemoSeeder).alreadySeeded()).toBe(true);
  });
});
