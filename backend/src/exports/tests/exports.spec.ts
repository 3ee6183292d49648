import { randomUUID } from 'node:crypto';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MembershipRole } from '@bouquet/shared';
import type { UserActor } from '../../platform/auth/actor';
import { ACTORS, ActorName, buildWorld, outcomeOf, World } from '../../testing/authz-matrix';
import { createApiKey, errorCode, SignedUp, unique } from '../../testing/factories';
import { startTestApp, TestApp } from '../../testing/test-app';
import { createCampaign, createPool, redeem, redeemBody } from '../../coupons/tests/coupon-factories';
import { claim, dropWorld, openDrop, scheduleDrop } from '../../drops/tests/drop-world';
import { CouponIssuer } from '../../coupons/pools/coupon-issuer.service';
import { ExportRowSource, ExportSources } from '../export-sources';
import { ExportRunner } from '../export-runner.service';
import { ExportsService } from '../exports.service';
import { ExportsProcessor } from '../exports.processor';
import {
  csvRecords,
  deferred,
  download,
  EXPORT,
  EXPORT_CODES,
  EXPORT_REPORT,
  ExportView,
  parseCsv,
  waitForExport,
} from './export-helpers';

const REPORT = `query($id: ID!) { campaignReport(campaignId: $id) {
  metrics { ...m }
  byCreator { creator { handle } metrics { ...m } }
  byDrop { drop { id status claimedRoses stream { title creator { handle } } } claims uniqueViewers redemptions attributedRevenue { amount currency } }
} }
fragment m on CampaignMetrics {
  rosesDropped claims uniqueViewers redemptions roi roas
  attributedRevenue { amount } spend { amount currency } creatorFees { amount } dropCost { amount }
}`;

interface ReportMetrics {
  rosesDropped: number;
  claims: number;
  uniqueViewers: number;
  redemptions: number;
  roi: number | null;
  roas: number | null;
  attributedRevenue: { amount: string };
  spend: { amount: string; currency: string };
  creatorFees: { amount: string };
  dropCost: { amount: string };
}

const cells = (m: ReportMetrics) => ({
  roses_claimed: String(m.rosesDropped),
  claims: String(m.claims),
  unique_viewers: String(m.uniqueViewers),
  redemptions: String(m.redemptions),
  revenue: m.attributedRevenue.amount,
  spend: m.spend.amount,
  creator_fees: m.creatorFees.amount,
  drop_cost: m.dropCost.amount,
  roi: m.roi === null ? '' : String(m.roi),
  roas: m.roas === null ? '' : String(m.roas),
  currency: m.spend.currency,
});

interface DropLine {
  drop: {
    id: string;
    status: string;
    claimedRoses: number;
    stream: { title: string; creator: { handle: string } };
  };
  claims: number;
  uniqueViewers: number;
  redemptions: number;
  attributedRevenue: { amount: string; currency: string };
}

interface CodeRow {
  code: string;
  status: string;
  redemption_count: number;
  issued_at: Date | null;
  issued_drop_id: string | null;
  issued_stream_id: string | null;
  live: number;
}

const asOwner = (user: SignedUp): UserActor => ({
  kind: 'user',
  userId: user.userId,
  memberships: new Map([[user.organizationId, MembershipRole.OWNER]]),
});

describe('exports', () => {
  let t: TestApp;
  let world: World;
  let campaignId: string;
  let dir: string;
  const owner = () => world.brand.accessToken;

  /** A row source the test defines, owned by the world's brand. */
  function registerSource(kind: string, batches: ExportRowSource['batches'], header = ['n', 'label']) {
    t.app.get(ExportSources).register({
      kind,
      header,
      authorize: async () => ({
        ownerOrganizationId: world.brand.organizationId,
        fileStem: kind.toLowerCase(),
      }),
      batches,
    });
  }

  async function exportCodes(poolId: string, token = owner()): Promise<ExportView> {
    const res = await t.gql(EXPORT_CODES, { poolId }, token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data.exportCouponCodes;
  }

  const filesOf = async (id: string) => (await readdir(dir)).filter((f) => f.startsWith(id));

  beforeAll(async () => {
    t = await startTestApp();
    dir = resolve(t.config.exportDir);
    world = await buildWorld(t);
    campaignId = await createCampaign(t, world.brand);
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('goes PENDING, RUNNING with its row count after every batch, then DONE; the file waits for DONE (409)', async () => {
    const gates = [deferred(), deferred()];
    registerSource('TEST_GATED', async function* () {
      yield [
        [1, 'a'],
        [2, 'b'],
      ];
      await gates[0].promise;
      yield [[3, 'c, "quoted"']];
      await gates[1].promise;
      yield [[4, '=1+1']];
    });
    const created = await t.app.get(ExportsService).request(asOwner(world.brand), 'TEST_GATED', {});
    expect(created).toMatchObject({ status: 'PENDING', rowCount: null, kind: 'TEST_GATED' });

    const running = await waitForExport(t, created.id, owner(), (e) => e.rowCount === 2);
    expect(running).toMatchObject({ status: 'RUNNING', downloadUrl: null });
    const early = await download(t, created.id, owner());
    expect(early.status).toBe(409);
    expect((await early.json()).error).toMatchObject({ code: 'CONFLICT', status: 'RUNNING' });

    gates[0].resolve();
    expect(await waitForExport(t, created.id, owner(), (e) => e.rowCount === 3)).toMatchObject({
      status: 'RUNNING',
    });
    gates[1].resolve();
    const done = await waitForExport(t, created.id, owner());
    expect(done).toMatchObject({
      status: 'DONE',
      rowCount: 4,
      downloadUrl: `/v1/exports/${created.id}/download`,
    });

    const res = await t.http(done.downloadUrl as string, { token: owner() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="test_gated.csv"');
    expect(await res.text()).toBe('n,label\r\n1,a\r\n2,b\r\n3,"c, ""quoted"""\r\n4,\'=1+1\r\n');
    expect(await filesOf(created.id)).toEqual([`${created.id}.csv`]);
  });

  it("exports a pool's codes exactly as the database holds them", async () => {
    const { id: poolId, codes } = await createPool(t, world.brand, campaignId, {
      size: 30,
      usageLimitPerCode: 2,
      codePrefix: 'EXP',
    });
    const key = world.tokens.keyWithScope as string;
    // Two codes handed out by drop claims (the issuer takes the first available ones).
    const dropId = '00000000-0000-4000-8000-0000000000d1';
    const streamId = '00000000-0000-4000-8000-0000000000e1';
    for (let i = 0; i < 2; i++) await t.app.get(CouponIssuer).issueOne(poolId, { dropId, streamId });
    // One code redeemed twice (used up), one redeemed then rolled back, one redeemed once.
    for (const code of [codes[2], codes[2], codes[3], codes[4]])
      expect((await redeem(t, key, unique('k'), redeemBody(code, { customerId: unique('c') }))).status).toBe(
        201,
      );
    const [rolled] = await t.dataSource.query(
      `SELECT r.id FROM redemptions r JOIN coupon_codes k ON k.id = r.code_id WHERE k.code = $1`,
      [codes[3]],
    );
    const rollback = await t.http(`/v1/redemptions/${rolled.id}/rollback`, {
      method: 'POST',
      token: key,
      json: {},
    });
    expect(rollback.status).toBe(200);

    const requested = await exportCodes(poolId);
    expect(requested).toMatchObject({
      kind: 'COUPON_CODES',
      status: 'PENDING',
      rowCount: null,
      downloadUrl: null,
    });
    const done = await waitForExport(t, requested.id, owner());
    expect(done).toMatchObject({ status: 'DONE', rowCount: 30 });

    const res = await download(t, done.id, owner());
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="coupon-codes-Pool-[\w-]+\.csv"$/,
    );
    const text = await res.text();
    const db = await t.dataSource.query(
      `SELECT k.code, k.status, k.redemption_count, k.issued_at, k.issued_drop_id, k.issued_stream_id,
              (SELECT count(*)::int FROM redemptions r WHERE r.code_id = k.id AND r.status = 'SUCCEEDED') AS live
         FROM coupon_codes k WHERE k.pool_id = $1 ORDER BY k.id`,
      [poolId],
    );
    expect(parseCsv(text)).toEqual([
      ['code', 'status', 'redemptions', 'issued_at', 'drop_id', 'stream_id'],
      ...db.map((r: CodeRow) => [
        r.code,
        r.status,
        String(r.redemption_count),
        r.issued_at ? new Date(r.issued_at).toISOString() : '',
        r.issued_drop_id ?? '',
        r.issued_stream_id ?? '',
      ]),
    ]);
    const byCode = new Map(csvRecords(text).map((r) => [r.code, r]));
    for (const code of codes.slice(0, 2))
      expect(byCode.get(code)).toMatchObject({
        status: 'ISSUED',
        redemptions: '0',
        drop_id: dropId,
        stream_id: streamId,
      });
    expect(byCode.get(codes[2])).toMatchObject({ status: 'EXHAUSTED', redemptions: '2', issued_at: '' });
    expect(byCode.get(codes[3])).toMatchObject({ status: 'AVAILABLE', redemptions: '0' });
    expect(byCode.get(codes[4])).toMatchObject({ status: 'AVAILABLE', redemptions: '1' });
    for (const r of db) expect(r.redemption_count).toBe(r.live);
  });

  it('streams 200,000 codes into a file of one line per code, in batches', async () => {
    const [pool] = await t.dataSource.query(
      `INSERT INTO coupon_pools (campaign_id, name, discount_type, discount_value, code_length, size, generated_count, generation_status)
       VALUES ($1, 'Big pool', 'PERCENT', 10, 10, 200000, 200000, 'DONE') RETURNING id`,
      [campaignId],
    );
    await t.dataSource.query(
      `INSERT INTO coupon_codes (pool_id, code) SELECT $1, 'BIG' || lpad(g::text, 7, '0') FROM generate_series(1, 200000) g`,
      [pool.id],
    );
    const progress: number[] = [];
    const done = await waitForExport(
      t,
      (await exportCodes(pool.id)).id,
      owner(),
      (e) => {
        if (e.rowCount !== null && progress.at(-1) !== e.rowCount) progress.push(e.rowCount);
        return e.status === 'DONE' || e.status === 'FAILED';
      },
      60_000,
    );
    expect(done).toMatchObject({ status: 'DONE', rowCount: 200_000 });
    // Progress moves in whole batches of 10,000 codes.
    for (const n of progress) expect(n % 10_000).toBe(0);

    const res = await download(t, done.id, owner());
    const size = (await stat(join(dir, `${done.id}.csv`))).size;
    expect(Number(res.headers.get('content-length'))).toBe(size);
    let lines = 0;
    let bytes = 0;
    let tail = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
      tail = (tail + Buffer.from(chunk).toString('latin1')).slice(-40);
    }
    expect(bytes).toBe(size);
    expect(lines).toBe(200_001);
    expect(tail.endsWith('BIG0200000,AVAILABLE,0,,,\r\n')).toBe(true);
  });

  it('writes the campaign report with the numbers campaignReport answers', async () => {
    const w = await dropWorld(t, { fee: '50.00' });
    // Text a viewer or creator chose reaches the CSV guarded against formulas and quoted.
    await t.dataSource.query(`UPDATE streams SET title = $2 WHERE id = $1`, [w.streamId, '=1+2, "live"']);
    const { id: poolId } = await createPool(t, w.brand, w.campaignId, { size: 10 });
    const dropId = (await scheduleDrop(t, w, { roseCount: 10, couponPoolId: poolId })).data.scheduleDrop.id;
    await openDrop(t, w, dropId);
    const codes: string[] = [];
    for (let i = 0; i < 4; i++)
      codes.push(
        ((await (await claim(t, w.claimKey, dropId, `v${i}`)).json()) as { couponCode: string }).couponCode,
      );
    const key = (await createApiKey(t, w.brand, ['REDEMPTIONS_WRITE'])).secret;
    for (const code of codes.slice(0, 3)) {
      const order = { orderAmount: { amount: '120.00', currency: 'USD' } };
      expect((await redeem(t, key, unique('k'), redeemBody(code, order))).status).toBe(201);
    }
    const other = (await scheduleDrop(t, w, { roseCount: 5 })).data.scheduleDrop.id;
    await t.gql(`mutation($id: ID!) { cancelDrop(id: $id) { id } }`, { id: other }, w.brand.accessToken);

    const report = (await t.gql(REPORT, { id: w.campaignId }, w.brand.accessToken)).data.campaignReport;
    expect(report.metrics).toMatchObject({
      claims: 4,
      redemptions: 3,
      attributedRevenue: { amount: '360.00' },
      spend: { amount: '50.00' },
      roi: 6.2,
    });
    expect(report.byCreator).toHaveLength(1);
    expect(report.byCreator[0].metrics).toMatchObject({ claims: 4, redemptions: 3 });
    const requested = await t.gql(EXPORT_REPORT, { campaignId: w.campaignId }, w.brand.accessToken);
    expect(requested.data.exportCampaignReport).toMatchObject({ kind: 'CAMPAIGN_REPORT', status: 'PENDING' });
    const done = await waitForExport(t, requested.data.exportCampaignReport.id, w.brand.accessToken);
    expect(done).toMatchObject({
      status: 'DONE',
      rowCount: 1 + report.byCreator.length + report.byDrop.length,
    });
    const res = await download(t, done.id, w.brand.accessToken);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="campaign-report-Spring-launch.csv"',
    );

    const text = await res.text();
    if (process.env.SHOW_CSV) console.log(text);
    const empty = { creator: '', drop_id: '', stream: '', drop_status: '' };
    const none = { spend: '', creator_fees: '', drop_cost: '', roi: '', roas: '' };
    expect(csvRecords(text)).toEqual([
      { row_type: 'CAMPAIGN', ...empty, ...cells(report.metrics) },
      ...report.byCreator.map((c: { creator: { handle: string }; metrics: ReportMetrics }) => ({
        row_type: 'CREATOR',
        ...empty,
        creator: c.creator.handle,
        ...cells(c.metrics),
      })),
      ...report.byDrop.map((d: DropLine) => ({
        row_type: 'DROP',
        creator: d.drop.stream.creator.handle,
        drop_id: d.drop.id,
        stream: `'${d.drop.stream.title}`,
        drop_status: d.drop.status,
        roses_claimed: String(d.drop.claimedRoses),
        claims: String(d.claims),
        unique_viewers: String(d.uniqueViewers),
        redemptions: String(d.redemptions),
        revenue: d.attributedRevenue.amount,
        ...none,
        currency: d.attributedRevenue.currency,
      })),
    ]);
    expect(
      report.byDrop.map((d: DropLine) => [d.drop.id, d.drop.status, d.drop.claimedRoses, d.redemptions]),
    ).toEqual([
      [dropId, 'OPEN', 4, 3],
      [other, 'CANCELLED', 0, 0],
    ]);
  });

  it('refuses a pool still generating (CONFLICT) and unknown pools and campaigns (NOT_FOUND)', async () => {
    const [pool] = await t.dataSource.query(
      `INSERT INTO coupon_pools (campaign_id, name, discount_type, discount_value, code_length, size, generation_status)
       VALUES ($1, 'Busy', 'PERCENT', 10, 10, 100, 'RUNNING') RETURNING id`,
      [campaignId],
    );
    expect(errorCode(await t.gql(EXPORT_CODES, { poolId: pool.id }, owner()))).toBe('CONFLICT');
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      expect(errorCode(await t.gql(EXPORT_CODES, { poolId: id }, owner()))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(EXPORT_REPORT, { campaignId: id }, owner()))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(EXPORT, { id }, owner()))).toBe('NOT_FOUND');
      expect((await download(t, id, owner())).status).toBe(404);
    }
    const exports = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM exports WHERE params->>'poolId' = $1`,
      [pool.id],
    );
    expect(exports[0].n).toBe(0);
  });

  it("lets the brand's people and granted agencies see and download an export, nobody else", async () => {
    const { id: poolId } = await createPool(t, world.brand, campaignId, { size: 3 });
    const { id } = await waitForExport(t, (await exportCodes(poolId)).id, owner());
    const expected: Record<ActorName, [string, number]> = {
      owner: ['OK', 200],
      manager: ['OK', 200],
      viewer: ['OK', 200],
      otherTenant: ['NOT_FOUND', 404],
      agencyWithGrant: ['OK', 200],
      agencyWithoutGrant: ['NOT_FOUND', 404],
      creator: ['NOT_FOUND', 404],
      anonymous: ['UNAUTHENTICATED', 401],
      keyWithScope: ['FORBIDDEN', 403],
      keyWithoutScope: ['FORBIDDEN', 403],
    };
    const got: Record<string, unknown> = {};
    for (const actor of ACTORS) {
      const token = world.tokens[actor];
      const query = await t.gql(EXPORT, { id }, token);
      const codes = await t.gql(EXPORT_CODES, { poolId }, token);
      const report = await t.gql(EXPORT_REPORT, { campaignId }, token);
      const file = await download(t, id, token);
      if (file.status !== 200) expect((await file.json()).error.code).toBe(expected[actor][0]);
      for (const res of [query, codes, report]) if (res.errors) expect(res.data).toBeNull();
      got[actor] = [outcomeOf(query), outcomeOf(codes), outcomeOf(report), file.status];
    }
    expect(got).toEqual(
      Object.fromEntries(
        ACTORS.map((a) => [a, [expected[a][0], expected[a][0], expected[a][0], expected[a][1]]]),
      ),
    );

    // An agency's export belongs to the brand: the brand's owner reads it too.
    const byAgency = await exportCodes(poolId, world.tokens.agencyWithGrant as string);
    expect((await t.gql(EXPORT, { id: byAgency.id }, owner())).data.export.id).toBe(byAgency.id);
    expect(errorCode(await t.gql(EXPORT, { id: byAgency.id }, world.tokens.otherTenant))).toBe('NOT_FOUND');
  });

  it('ends FAILED after its retries when the source fails, with no file left behind', async () => {
    registerSource('TEST_BROKEN', async function* () {
      yield [[1, 'ok']];
      throw new Error('the source broke');
    });
    const created = await t.app.get(ExportsService).request(asOwner(world.brand), 'TEST_BROKEN', {});
    const failed = await waitForExport(t, created.id, owner());
    expect(failed).toMatchObject({ status: 'FAILED', rowCount: null, downloadUrl: null });
    const [row] = await t.dataSource.query(`SELECT error FROM exports WHERE id = $1`, [created.id]);
    expect(row.error).toBe('the source broke');
    expect((await download(t, created.id, owner())).status).toBe(409);
    expect(await filesOf(created.id)).toEqual([]);
  });

  it('is safe to run twice: concurrent runs leave one complete file, a DONE export is left alone', async () => {
    registerSource('TEST_TWICE', async function* () {
      for (let b = 0; b < 5; b++)
        yield Array.from({ length: 100 }, (_, i) => [b * 100 + i, `row ${b * 100 + i}`]);
    });
    const [row] = await t.dataSource.query(
      `INSERT INTO exports (kind, file_name, organization_id) VALUES ('TEST_TWICE', 'twice.csv', $1) RETURNING id`,
      [world.brand.organizationId],
    );
    const runner = t.app.get(ExportRunner);
    await Promise.all([runner.run(row.id, { lastAttempt: true }), runner.run(row.id, { lastAttempt: true })]);
    const done = await waitForExport(t, row.id, owner());
    expect(done).toMatchObject({ status: 'DONE', rowCount: 500 });
    expect(await filesOf(row.id)).toEqual([`${row.id}.csv`]);
    const file = join(dir, `${row.id}.csv`);
    const before = await stat(file);
    expect(parseCsv(await readFile(file, 'utf8'))).toHaveLength(501);
    expect(await runner.run(row.id, { lastAttempt: true })).toBe('DONE');
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it('maintenance deletes exports past the retention and dead part files, and re-enqueues lost ones', async () => {
    registerSource('TEST_SMALL', async function* () {
      yield [[1, 'one']];
    });
    const old = await waitForExport(
      t,
      (await t.app.get(ExportsService).request(asOwner(world.brand), 'TEST_SMALL', {})).id,
      owner(),
    );
    await t.dataSource.query(`UPDATE exports SET created_at = now() - interval '8 days' WHERE id = $1`, [
      old.id,
    ]);
    // Requested while Redis was unreachable: a PENDING row without a job.
    const [lost] = await t.dataSource.query(
      `INSERT INTO exports (kind, file_name, organization_id, created_at)
       VALUES ('TEST_SMALL', 'lost.csv', $1, now() - interval '10 minutes') RETURNING id`,
      [world.brand.organizationId],
    );
    // What a run killed two days ago left behind, and a run in progress right now.
    const dead = join(dir, `${old.id}.${randomUUID()}.part`);
    const live = join(dir, `${lost.id}.${randomUUID()}.part`);
    await writeFile(dead, 'n,label\r\n');
    await writeFile(live, 'n,label\r\n');
    const twoDaysAgo = new Date(Date.now() - 48 * 3_600_000);
    await utimes(dead, twoDaysAgo, twoDaysAgo);
    const result = await t.app.get(ExportsProcessor).maintain();
    expect(result).toEqual({ purged: 1, requeued: 1, partsRemoved: 1 });
    await expect(stat(dead)).rejects.toThrow();
    await rm(live);
    expect(errorCode(await t.gql(EXPORT, { id: old.id }, owner()))).toBe('NOT_FOUND');
    expect(await filesOf(old.id)).toEqual([]);
    expect(await waitForExport(t, lost.id, owner())).toMatchObject({ status: 'DONE', rowCount: 1 });
  });
});
