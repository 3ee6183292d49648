import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Client } from 'pg';
import { clearRedisPrefix, eventually, subscribe } from '@bouquet/testing';
import { counter, RoleProcess, startRole, stopAll } from '../support/cluster';
import { BACKEND_MAIN, createDatabase, gql } from '../support/processes';

/**
 * The deployment shape of infra/ on one machine: 2 api and 2 worker processes of the BUILT backend
 * against one Postgres and one Redis (own database, own key prefix). What must hold beyond one
 * process: live updates cross api replicas, a scheduled drop opens once however many workers
 * race for it, a claim burst spread over both apis never over-claims, and a worker killed in the
 * middle of a job loses nothing.
 */
describe('scale-out: 2 api + 2 worker processes', () => {
  let db: Awaited<ReturnType<typeof createDatabase>>;
  let sql: Client;
  const prefix = `bqso${randomBytes(3).toString('hex')}`;
  const procs: RoleProcess[] = [];
  let api1: RoleProcess;
  let api2: RoleProcess;
  let workers: RoleProcess[];
  const world = {} as {
    brandToken: string;
    creatorToken: string;
    claimKey: string;
    campaignId: string;
    streamId: string;
  };

  const call = async <T = any>(p: RoleProcess, query: string, variables: object, token?: string) => {
    const res = await gql<T>(p.baseUrl, query, variables, token);
    if (res.errors) throw new Error(`${p.name}: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  };
  const one = async <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
    (await sql.query(text, params)).rows[0] as T;
  const claim = (p: RoleProcess, dropId: string, viewerId: string) =>
    fetch(`${p.baseUrl}/v1/drops/${dropId}/claims`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${world.claimKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ viewerId }),
    });
  const scheduleDrop = async (p: RoleProcess, input: Record<string, unknown>) =>
    (
      await call<{ scheduleDrop: { id: string } }>(
        p,
        `mutation($i: ScheduleDropInput!) { scheduleDrop(input: $i) { id } }`,
        { i: { campaignId: world.campaignId, streamId: world.streamId, perViewerLimit: 1, ...input } },
        world.brandToken,
      )
    ).scheduleDrop.id;
  const DROP_UPDATED = `subscription($id: ID!) { dropUpdated(dropId: $id) { id status claimedRoses claimCount } }`;

  beforeAll(async () => {
    if (!existsSync(BACKEND_MAIN))
      throw new Error(`${BACKEND_MAIN} is missing: run npm test (it builds the backend first)`);
    db = await createDatabase();
    sql = new Client({ connectionString: db.url });
    await sql.connect();
    const role = async (name: string, r: RoleProcess['role'], env: Record<string, string> = {}) => {
      const p = await startRole({ name, role: r, databaseUrl: db.url, redisPrefix: prefix, env });
      procs.push(p);
      return p;
    };
    // The first api migrates the empty database; the others start on the migrated schema.
    api1 = await role('scale-api-1', 'api');
    const noMigrate = { MIGRATE_ON_START: 'false' };
    [api2, ...workers] = await Promise.all([
      role('scale-api-2', 'api', noMigrate),
      role('scale-worker-1', 'worker', noMigrate),
      role('scale-worker-2', 'worker', noMigrate),
    ]);

    const signUp = async (kind: string, extra: Record<string, string> = {}) => {
      const tag = randomBytes(4).toString('hex');
      const data = await call(
        api1,
        `mutation($i: SignUpInput!) { signUp(input: $i) { accessToken user { memberships { organization { id creator { id } } } } } }`,
        {
          i: {
            email: `scale-${tag}@example.com`,
            password: 'a long password',
            displayName: 'Scale',
            organizationName: `Scale ${kind} ${tag}`,
            organizationKind: kind,
            ...extra,
          },
        },
      );
      const org = data.signUp.user.memberships[0].organization;
      return {
        token: data.signUp.accessToken as string,
        orgId: org.id as string,
        creatorId: org.creator?.id,
      };
    };
    const brand = await signUp('BRAND');
    const creator = await signUp('CREATOR', { creatorHandle: `scale_${randomBytes(3).toString('hex')}` });
    const { createCampaign } = await call(
      api1,
      `mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }`,
      {
        i: {
          brandId: brand.orgId,
          name: 'Scale-out',
          brief: 'Two of everything',
          objective: 'SALES',
          budget: { amount: '5000.00', currency: 'USD' },
        },
      },
      brand.token,
    );
    await call(
      api1,
      `mutation($id: ID!) { launchCampaign(id: $id) { id } }`,
      { id: createCampaign.id },
      brand.token,
    );
    const { sendOffer } = await call(
      api1,
      `mutation($i: SendOfferInput!) { sendOffer(input: $i) { id version } }`,
      {
        i: {
          campaignId: createCampaign.id,
          creatorId: creator.creatorId,
          terms: { fee: { amount: '100.00', currency: 'USD' }, streamCount: 1, roseAllowance: 100_000 },
        },
      },
      brand.token,
    );
    await call(
      api2,
      `mutation($id: ID!, $v: Int!) { acceptOffer(offerId: $id, expectedVersion: $v) { status } }`,
      { id: sendOffer.id, v: sendOffer.version },
      creator.token,
    );
    const { scheduleStream } = await call(
      api2,
      `mutation($i: ScheduleStreamInput!) { scheduleStream(input: $i) { id } }`,
      {
        i: {
          creatorId: creator.creatorId,
          title: 'Scale-out live',
          scheduledStartAt: new Date().toISOString(),
        },
      },
      creator.token,
    );
    await call(
      api1,
      `mutation($id: ID!) { startStream(id: $id) { status } }`,
      { id: scheduleStream.id },
      creator.token,
    );
    const { createApiKey } = await call(
      api1,
      `mutation($o: ID!) { createApiKey(organizationId: $o, name: "stream bot", scopes: [DROPS_CLAIM]) { secret } }`,
      { o: creator.orgId },
      creator.token,
    );
    Object.assign(world, {
      brandToken: brand.token,
      creatorToken: creator.token,
      claimKey: createApiKey.secret,
      campaignId: createCampaign.id,
      streamId: scheduleStream.id,
    });
  }, 120_000);

  afterAll(async () => {
    await stopAll(procs);
    await sql?.end();
    await db?.drop();
    await clearRedisPrefix(prefix);
  });

  it('delivers drop updates caused through api #2 to a subscription opened on api #1', async () => {
    const dropId = await scheduleDrop(api2, { trigger: 'MANUAL', roseCount: 50 });
    const sub = subscribe<{ dropUpdated: { status: string; claimedRoses: number; claimCount: number } }>(
      api1.baseUrl,
      DROP_UPDATED,
      { id: dropId },
      world.brandToken,
    );
    try {
      await sub.ready;
      await call(
        api2,
        `mutation($id: ID!) { openDrop(id: $id) { status } }`,
        { id: dropId },
        world.brandToken,
      );
      // Claims through api #2 until api #1's subscriber hears of one (its Redis SUBSCRIBE may lag the ack).
      let claims = 0;
      await eventually('a claim through api #2 to reach the subscriber on api #1', async () => {
        expect((await claim(api2, dropId, `sub-viewer-${claims++}`)).status).toBe(201);
        await new Promise((r) => setTimeout(r, 300));
        return sub.received.length > 0;
      });
      // Cancelling through api #2 settles the drop: api #1's subscriber gets its final state.
      await call(
        api2,
        `mutation($id: ID!) { cancelDrop(id: $id) { status } }`,
        { id: dropId },
        world.brandToken,
      );
      const last = await eventually(
        'the cancellation to reach the subscriber on api #1',
        async () => sub.received.find((u) => u.data?.dropUpdated.status === 'CANCELLED')?.data,
      );
      expect(last.dropUpdated).toEqual({
        id: dropId,
        status: 'CANCELLED',
        claimedRoses: claims,
        claimCount: claims,
      });
      expect(sub.received.filter((u) => u.errors)).toEqual([]);
      expect(sub.failure()).toBeUndefined();
    } finally {
      await sub.close();
    }
  });

  it('opens a scheduled drop exactly once while two workers race for it', async () => {
    const before = await Promise.all(
      workers.map((w) =>
        counter(w.baseUrl, 'queue_jobs_processed_total', { queue: 'drops', name: 'open-drop' }),
      ),
    );
    const dropId = await scheduleDrop(api1, {
      trigger: 'SCHEDULED',
      roseCount: 20,
      scheduledAt: new Date(Date.now() + 3000).toISOString(),
    });
    const sub = subscribe<{ dropUpdated: { status: string } }>(
      api2.baseUrl,
      DROP_UPDATED,
      { id: dropId },
      world.brandToken,
    );
    try {
      await sub.ready;
      await eventually(
        'the scheduled drop to open',
        async () =>
          (await one<{ status: string }>(`SELECT status FROM drops WHERE id = $1`, [dropId])).status ===
          'OPEN',
      );
      // Give a duplicate (a second worker, a retried job) every chance to show up before counting.
      await new Promise((r) => setTimeout(r, 1500));
      const after = await Promise.all(
        workers.map((w) =>
          counter(w.baseUrl, 'queue_jobs_processed_total', { queue: 'drops', name: 'open-drop' }),
        ),
      );
      expect(after[0] - before[0] + (after[1] - before[1])).toBe(1);
      expect(sub.received.filter((u) => u.data?.dropUpdated.status === 'OPEN')).toHaveLength(1);
      const drop = await one<{ opened: number }>(
        `SELECT count(*)::int AS opened FROM drops WHERE id = $1 AND opened_at IS NOT NULL AND closes_at > opened_at`,
        [dropId],
      );
      expect(drop.opened).toBe(1);
    } finally {
      await sub.close();
    }
  });

  it('gives no over-claim when a claim burst is spread over both api processes', async () => {
    const roses = 100;
    const dropId = await scheduleDrop(api1, { trigger: 'MANUAL', roseCount: roses });
    await call(api2, `mutation($id: ID!) { openDrop(id: $id) { status } }`, { id: dropId }, world.brandToken);
    // 200 viewers, each claiming once on each api (400 requests, 40 at a time): 100 roses to give.
    // Every other viewer asks api2 first, so both processes race for the roses, not just the
    // one that always sees a viewer's first request.
    const requests = Array.from({ length: 400 }, (_, i) => ({
      p: (i ^ (i >> 1)) & 1 ? api2 : api1,
      viewer: `burst-${i >> 1}`,
    }));
    const answers: { status: number; api: string; id?: string; body?: unknown }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        while (next < requests.length) {
          const { p, viewer } = requests[next++];
          const res = await claim(p, dropId, viewer);
          const body = (await res.json()) as { id?: string };
          answers.push({ status: res.status, api: p.name, id: body.id, body });
        }
      }),
    );
    const created = answers.filter((a) => a.status === 201);
    expect(created).toHaveLength(roses);
    expect(new Set(created.map((a) => a.id)).size).toBe(roses);
    expect(new Set(created.map((a) => a.api))).toEqual(new Set(['scale-api-1', 'scale-api-2']));
    expect(answers.filter((a) => ![201, 409, 410].includes(a.status))).toEqual([]);

    const totals = await one<{
      claims: number;
      viewers: number;
      left: number;
      status: string;
      claimed: number;
    }>(
      `SELECT (SELECT count(*)::int FROM drop_claims WHERE drop_id = $1) AS claims,
              (SELECT count(DISTINCT viewer_id)::int FROM drop_claims WHERE drop_id = $1) AS viewers,
              (SELECT sum(remaining)::int FROM drop_shards WHERE drop_id = $1) AS left,
              status, claimed_roses AS claimed FROM drops WHERE id = $1`,
      [dropId],
    );
    expect(totals).toEqual({ claims: roses, viewers: roses, left: 0, status: 'COMPLETED', claimed: roses });
    // The budget: the sold-out drop's cost is committed once, and the totals match the ledger.
    const ledger = await one<{ ok: boolean }>(
      `SELECT c.spent = coalesce(sum(e.amount) FILTER (WHERE e.kind = 'COMMIT'), 0)
          AND c.reserved = coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RESERVE'), 0)
                         - coalesce(sum(e.amount) FILTER (WHERE e.kind = 'RELEASE'), 0)
          AND c.spent + c.reserved <= c.budget AS ok
         FROM campaigns c LEFT JOIN ledger_entries e ON e.campaign_id = c.id WHERE c.id = $1
        GROUP BY c.id`,
      [world.campaignId],
    );
    expect(ledger.ok).toBe(true);
  });

  it('loses nothing when a worker is killed (SIGKILL) mid-job: the other worker finishes the code generation exactly', async () => {
    const size = 250_000;
    const { createCouponPool } = await call(
      api2,
      `mutation($i: CreateCouponPoolInput!) { createCouponPool(input: $i) { id } }`,
      {
        i: {
          campaignId: world.campaignId,
          name: 'Scale-out pool',
          discountType: 'PERCENT',
          discountValue: '10',
          codePrefix: 'SCALE',
          codeLength: 10,
          size,
        },
      },
      world.brandToken,
    );
    const poolId = createCouponPool.id as string;
    // The worker running the job is the one whose Postgres session inserts the codes.
    const busy = await eventually(
      'a worker to be halfway through the generation',
      async () => {
        const row = await one<{ name: string | null; generated: number }>(
          `SELECT (SELECT application_name FROM pg_stat_activity
                    WHERE datname = current_database() AND application_name LIKE 'scale-worker-%'
                      AND (query LIKE '%INSERT INTO coupon_codes%' OR query LIKE '%SET generated_count = generated_count%')
                    LIMIT 1) AS name,
                  generated_count AS generated FROM coupon_pools WHERE id = $1`,
          [poolId],
        );
        return row.name && row.generated > 0 && row.generated < size ? row.name : undefined;
      },
      30_000,
      50,
    );
    const doomed = workers.find((w) => w.name === busy) as RoleProcess;
    const survivor = workers.find((w) => w !== doomed) as RoleProcess;
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toBeNull();

    // BullMQ hands the job to the survivor once the dead worker's lock expires (stalled-job check).
    const pool = await eventually(
      'the surviving worker to finish the generation',
      async () => {
        const row = await one<{ status: string; generated: number; rows: number; distinct: number }>(
          `SELECT generation_status AS status, generated_count AS generated,
                  (SELECT count(*)::int FROM coupon_codes WHERE pool_id = $1) AS rows,
                  (SELECT count(DISTINCT code)::int FROM coupon_codes WHERE pool_id = $1) AS distinct
             FROM coupon_pools WHERE id = $1`,
          [poolId],
        );
        return row.status === 'DONE' ? row : undefined;
      },
      100_000,
      500,
    );
    expect(pool).toEqual({ status: 'DONE', generated: size, rows: size, distinct: size });
    expect(
      await counter(survivor.baseUrl, 'queue_jobs_processed_total', {
        queue: 'coupons',
        name: 'generate-codes',
      }),
    ).toBe(1);
  }, 150_000);
});
