import { loadConfig } from '../platform/config/app-config';
import { startTestApp, TestApp } from '../testing/test-app';
import { DEMO_AGENCY, DEMO_BRANDS, DEMO_CREATORS, DEMO_PASSWORD, DEMO_PAST_STREAMS } from './demo-data';
import { DemoSeeder } from './demo-seeder.service';
import { demoWanted, seedDemoIfWanted } from './seed-demo';

const LOG_IN = `mutation($e: String!, $p: String!) {
  logIn(email: $e, password: $p) { accessToken user { memberships { organization { id } } } }
}`;

describe('demo world', () => {
  let t: TestApp;
  const lines: string[] = [];
  const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    (await t.dataSource.query(sql, params)) as T[];
  const count = async (sql: string, params: unknown[] = []) => (await rows<{ n: number }>(sql, params))[0].n;
  const logIn = async (email: string) => {
    const res = await t.gql(LOG_IN, { e: email, p: DEMO_PASSWORD });
    return {
      token: res.data.logIn.accessToken as string,
      orgId: res.data.logIn.user.memberships[0].organization.id as string,
    };
  };
  const campaignId = async (name: string) =>
    (await rows<{ id: string }>(`SELECT id FROM campaigns WHERE name = $1`, [name]))[0].id;

  beforeAll(async () => {
    t = await startTestApp({ env: { SEED_DEMO: 'true' } });
    await seedDemoIfWanted(t.app, (l) => lines.push(l));
  });
  afterAll(() => t.close());

  it('prints its progress with counts, then one log-in per role and the live stream', () => {
    expect(lines.filter((l) => /^\[demo\] \(\d\/7\) /.test(l))).toHaveLength(7);
    expect(lines.join('\n')).toMatch(/\(1\/7\) accounts: 3 brands, 1 agency .*30 creators/);
    expect(lines.join('\n')).toMatch(/\(5\/7\) past streams: 4 streams, [\d,]+ events, 8 drops, 330 claims/);
    expect(lines.some((l) => /seeded in \d+\.\d s/.test(l))).toBe(true);
    for (const email of [DEMO_BRANDS[0].email, DEMO_AGENCY.email, DEMO_CREATORS[0].email])
      expect(lines.some((l) => l.includes(email))).toBe(true);
    expect(lines.some((l) => /live now: ".+" \(stream [0-9a-f-]{36}\)/.test(l))).toBe(true);
  });

  it('holds the accounts, every campaign status and every offer state with several revisions', async () => {
    const kinds = await rows<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM organizations GROUP BY kind ORDER BY kind`,
    );
    expect(kinds).toEqual([
      { kind: 'AGENCY', n: 1 },
      { kind: 'BRAND', n: 3 },
      { kind: 'CREATOR', n: 30 },
    ]);
    expect(await count(`SELECT count(DISTINCT country)::int AS n FROM creators`)).toBe(10);
    expect(await count(`SELECT count(DISTINCT c)::int AS n FROM creators, unnest(categories) c`)).toBe(10);
    expect(await count(`SELECT count(*)::int AS n FROM agency_grants`)).toBe(1);
    const statuses = await rows<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM campaigns GROUP BY status ORDER BY status`,
    );
    expect(statuses).toEqual([
      { status: 'ACTIVE', n: 2 },
      { status: 'CANCELLED', n: 1 },
      { status: 'COMPLETED', n: 1 },
      { status: 'DRAFT', n: 1 },
      { status: 'PAUSED', n: 1 },
    ]);
    const offers = await rows<{ status: string; awaiting: string | null; revisions: number }>(
      `SELECT o.status, o.awaiting, count(r.*)::int AS revisions
         FROM offers o JOIN offer_revisions r ON r.offer_id = o.id GROUP BY o.id ORDER BY o.status`,
    );
    expect([...new Set(offers.map((o) => o.status))]).toEqual([
      'ACCEPTED',
      'DECLINED',
      'EXPIRED',
      'PENDING',
      'WITHDRAWN',
    ]);
    expect(offers.filter((o) => o.status === 'ACCEPTED').every((o) => o.revisions === 3)).toBe(true);
    // Pending on both sides: one awaits the creator, one (countered) awaits the brand.
    expect(new Set(offers.filter((o) => o.status === 'PENDING').map((o) => o.awaiting))).toEqual(
      new Set(['CREATOR', 'BRAND']),
    );
  });

  it('played past and live streams through ingest: rollups equal the raw events, spikes sit next to drops', async () => {
    const streams = await rows<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM streams GROUP BY status ORDER BY status`,
    );
    expect(streams).toEqual([
      { status: 'ENDED', n: DEMO_PAST_STREAMS.length },
      { status: 'LIVE', n: 1 },
      { status: 'SCHEDULED', n: 4 },
    ]);
    // Per stream: gifted roses = the raw rose events = the per-minute rollups; claims likewise.
    const totals = await rows<{
      gifted: string;
      raw: string;
      rolled: string;
      claims: string;
      rolled_claims: string;
    }>(
      `SELECT s.gifted_roses::text AS gifted,
              (SELECT coalesce(sum(roses), 0) FROM stream_events e WHERE e.stream_id = s.id)::text AS raw,
              (SELECT coalesce(sum(gifted_roses), 0) FROM stream_minute_rollups m WHERE m.stream_id = s.id)::text AS rolled,
              (SELECT count(*) FROM drop_claims c JOIN drops d ON d.id = c.drop_id WHERE d.stream_id = s.id)::text AS claims,
              (SELECT coalesce(sum(claims), 0) FROM stream_minute_rollups m WHERE m.stream_id = s.id)::text AS rolled_claims
         FROM streams s WHERE s.status IN ('ENDED', 'LIVE')`,
    );
    for (const s of totals) {
      expect(Number(s.gifted)).toBeGreaterThan(500);
      expect(s.raw).toBe(s.gifted);
      expect(s.rolled).toBe(s.gifted);
      expect(s.rolled_claims).toBe(s.claims);
    }
    expect(await count(`SELECT max(peak_viewers)::int AS n FROM streams`)).toBeGreaterThan(30);
    // No bucket outside a finished stream's time (a stray one would stretch its timeline).
    expect(
      await count(
        `SELECT count(*)::int AS n FROM stream_minute_rollups m JOIN streams s ON s.id = m.stream_id
          WHERE m.minute < date_trunc('minute', s.started_at) OR m.minute > coalesce(s.ended_at, now())`,
      ),
    ).toBe(0);

    // The brand sees the campaign's spikes, each past drop right next to one, and a raid without a drop.
    const bloom = await logIn(DEMO_BRANDS[0].email);
    const spring = await campaignId('Spring Glow');
    const res = await t.gql(
      `query($c: ID!) { giftSpikes(campaignId: $c) { factor startedAt nearDrop { id trigger } stream { status } } }`,
      { c: spring },
      bloom.token,
    );
    expect(res.errors).toBeUndefined();
    const spikes = res.data.giftSpikes as { factor: number; nearDrop: { id: string } | null }[];
    expect(spikes.every((s) => s.factor >= 3)).toBe(true);
    const pastDrops = await rows<{ id: string }>(
      `SELECT d.id FROM drops d JOIN streams s ON s.id = d.stream_id
        WHERE d.campaign_id = $1 AND s.status = 'ENDED'`,
      [spring],
    );
    expect(pastDrops).toHaveLength(4);
    const near = new Set(spikes.map((s) => s.nearDrop?.id));
    for (const d of pastDrops) expect(near.has(d.id)).toBe(true);
    expect(spikes.some((s) => s.nearDrop === null)).toBe(true);

    // The creator's live monitor: a timeline from the start to now, with the claims of both drops.
    const aria = await logIn(DEMO_CREATORS[0].email);
    const [live] = await rows<{ id: string }>(`SELECT id FROM streams WHERE status = 'LIVE'`);
    const timeline = await t.gql(
      `query($s: ID!) { streamTimeline(streamId: $s) { giftedRoses viewers claims } }`,
      { s: live.id },
      aria.token,
    );
    const buckets = timeline.data.streamTimeline as {
      giftedRoses: number;
      viewers: number;
      claims: number;
    }[];
    expect(buckets.length).toBeGreaterThanOrEqual(40);
    expect(buckets.reduce((n, b) => n + b.claims, 0)).toBe(60 + 30);
    expect(buckets.filter((b) => b.viewers > 0).length).toBeGreaterThanOrEqual(40);
  });

  it('settled drops through the drop services, consistently in time, with one drop open now', async () => {
    const drops = await rows<{ status: string; trigger: string; full: boolean; n: number }>(
      `SELECT status, trigger, claimed_roses = rose_count AS full, count(*)::int AS n FROM drops
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    );
    expect(drops).toEqual([
      { status: 'COMPLETED', trigger: 'GIFT_MILESTONE', full: true, n: 4 },
      { status: 'COMPLETED', trigger: 'MANUAL', full: true, n: 5 },
      { status: 'OPEN', trigger: 'MANUAL', full: false, n: 1 },
      { status: 'SCHEDULED', trigger: 'GIFT_MILESTONE', full: false, n: 1 },
    ]);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM drop_claims c JOIN drops d ON d.id = c.drop_id WHERE d.status = 'OPEN'`,
      ),
    ).toBe(30);
    // Every claim inside its drop's window, every drop inside its stream, codes issued at the claim.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM drop_claims c JOIN drops d ON d.id = c.drop_id JOIN streams s ON s.id = d.stream_id
          WHERE c.claimed_at < d.opened_at OR c.claimed_at > coalesce(d.closed_at, d.closes_at)
             OR d.opened_at < s.started_at OR d.closed_at > coalesce(s.ended_at, now())`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM coupon_codes k JOIN drop_claims c ON c.coupon_code = k.code
          WHERE abs(extract(epoch FROM k.issued_at - c.claimed_at)) > 1`,
      ),
    ).toBe(0);
    // The negotiations happened before the streams they paid for.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM offers o JOIN drops d ON d.campaign_id = o.campaign_id AND d.creator_id = o.creator_id
          WHERE o.status = 'ACCEPTED' AND o.accepted_at > d.created_at`,
      ),
    ).toBe(0);
    // The ledger stays consistent with the campaigns' totals.
    const drift = await rows(`
      SELECT c.id FROM campaigns c LEFT JOIN ledger_entries e ON e.campaign_id = c.id GROUP BY c.id, c.spent, c.reserved
      HAVING c.spent <> coalesce(sum(e.amount) FILTER (WHERE e.kind = 'COMMIT'), 0)
          OR c.reserved <> coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RESERVE'), 0) - coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RELEASE'), 0)`);
    expect(drift).toEqual([]);
  });

  it('redeemed and rolled back codes through the coupon services, after they were handed out', async () => {
    const byStatus = await rows<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM redemptions GROUP BY status ORDER BY status`,
    );
    expect(byStatus.map((r) => r.status)).toEqual(['ROLLED_BACK', 'SUCCEEDED']);
    expect(byStatus[0].n).toBe(DEMO_PAST_STREAMS.length * 2 + 1);
    expect(byStatus[1].n).toBeGreaterThan(60);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM coupon_pools p
          WHERE p.generation_status <> 'DONE' OR p.generated_count <> p.size`,
      ),
    ).toBe(0);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM redemptions r JOIN coupon_codes k ON k.id = r.code_id
          WHERE r.redeemed_at < k.issued_at OR r.rolled_back_at < r.redeemed_at`,
      ),
    ).toBe(0);
  });

  it('fills the KPI cards and the agency overview with numbers that add up', async () => {
    const bloom = await logIn(DEMO_BRANDS[0].email);
    const report = await t.gql(
      `query($c: ID!) { campaignReport(campaignId: $c) {
         metrics { spend { amount } claims redemptions uniqueViewers giftedRoses attributedRevenue { amount } roi }
         byCreator { creator { handle } metrics { claims } } byDrop { claims } } }`,
      { c: await campaignId('Spring Glow') },
      bloom.token,
    );
    expect(report.errors).toBeUndefined();
    const m = report.data.campaignReport.metrics;
    expect(m.claims).toBe(60 + 40 + 50 + 30 + 60 + 30);
    expect(m.redemptions).toBeGreaterThan(20);
    expect(m.giftedRoses).toBeGreaterThan(1000);
    expect(Number(m.attributedRevenue.amount)).toBeGreaterThan(Number(m.spend.amount));
    expect(m.roi).toBeGreaterThan(0);
    expect(
      report.data.campaignReport.byCreator
        .map((c: { creator: { handle: string } }) => c.creator.handle)
        .sort(),
    ).toEqual(['aria_lux', 'ben_tides']);

    const agency = await logIn(DEMO_AGENCY.email);
    const overview = await t.gql(
      `query($a: ID!) { agencyOverview(agencyId: $a) { brands { brand { name } activeCampaigns spend { amount } attributedRevenue { amount } } } }`,
      { a: agency.orgId },
      agency.token,
    );
    expect(overview.errors).toBeUndefined();
    expect(overview.data.agencyOverview.brands).toEqual([
      {
        brand: { name: DEMO_BRANDS[0].name },
        activeCampaigns: 1,
        spend: { amount: expect.any(String) },
        attributedRevenue: { amount: expect.any(String) },
      },
    ]);
    expect(Number(overview.data.agencyOverview.brands[0].attributedRevenue.amount)).toBeGreaterThan(0);
  });

  it('seeds once: a second start only prints the log-ins', async () => {
    const before = await count(`SELECT count(*)::int AS n FROM users`);
    const again: string[] = [];
    await seedDemoIfWanted(t.app, (l) => again.push(l));
    expect(again.some((l) => /seeding/.test(l))).toBe(false);
    expect(again.some((l) => l.includes(DEMO_BRANDS[0].email))).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM users`)).toBe(before);
    expect(await t.app.get(DemoSeeder).state()).toBe('complete');
  });

  it('never seeds in production, in a worker, or when SEED_DEMO is off', () => {
    const env = { DATABASE_URL: 'postgres://x/y', REDIS_URL: 'redis://x' };
    expect(demoWanted(loadConfig({ ...env, SEED_DEMO: 'true' }))).toBe(true);
    expect(demoWanted(loadConfig({ ...env, SEED_DEMO: 'true', ROLE: 'worker' }))).toBe(false);
    expect(demoWanted(loadConfig({ ...env, SEED_DEMO: 'false' }))).toBe(false);
    expect(
      demoWanted(
        loadConfig({ ...env, SEED_DEMO: 'true', NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40) }),
      ),
    ).toBe(false);
  });
});
