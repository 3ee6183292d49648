// `npm run demo:traffic [-- --url http://localhost:3000] [--viewers 150] [--seconds 30] [--short]`
//
// Plays a live stream against a running Bouquet (the demo world of `npm start`) through the public
// APIs only, so a person can watch the live monitor move: it logs in as the demo creator and the
// demo brand (GraphQL), makes the API keys it needs (EVENTS_WRITE + DROPS_CLAIM for the creator,
// REDEMPTIONS_WRITE for the brand; earlier "demo traffic" keys are revoked), then
//   1. sends stream events (viewers joining, likes, rose gifts) every second,
//   2. sends a gift spike (big enough to reach the stream's next gift milestone, when it has one),
//   3. schedules and opens a MANUAL drop,
//   4. sends a claim burst from many viewers (POST /v1/drops/{id}/claims),
//   5. redeems some of the codes the viewers got (POST /v1/redemptions) and rolls one back,
// printing progress as it goes. `--short` does all of it in a few seconds (tests use it).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const DEMO_PASSWORD = 'bouquet-demo-2026'; // backend/src/demo/demo-data.ts
const KEY_NAME = 'demo traffic';

const options = {
  url: { type: 'string', default: process.env.BOUQUET_URL ?? 'http://localhost:3000' },
  creator: { type: 'string', default: 'creator@demo.bouquet' },
  brand: { type: 'string', default: 'brand@demo.bouquet' },
  password: { type: 'string', default: process.env.DEMO_PASSWORD ?? DEMO_PASSWORD },
  viewers: { type: 'string' },
  seconds: { type: 'string' },
  short: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};
let args;
try {
  args = parseArgs({ options }).values;
} catch (err) {
  console.error(`[traffic] ${err.message} (see --help)`);
  process.exit(1);
}

if (args.help) {
  console.log(`npm run demo:traffic -- [--url URL] [--viewers N] [--seconds S] [--short]

  --url       the running Bouquet (default http://localhost:3000, or BOUQUET_URL)
  --viewers   viewers in the claim burst (default 150; --short: 20)
  --seconds   seconds of regular gifting before the spike (default 20; --short: 1)
  --creator, --brand, --password   the demo accounts to act as`);
  process.exit(0);
}

const base = args.url.replace(/\/+$/, '');
const viewers = positive('viewers', args.viewers ?? (args.short ? '20' : '150'));
const seconds = positive('seconds', args.seconds ?? (args.short ? '1' : '20'));
const run = randomBytes(3).toString('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const say = (msg) => console.log(`[traffic] ${msg}`);
const fmt = (n) => Number(n).toLocaleString('en-US');

function positive(name, value) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a positive integer (got "${value}")`);
  return n;
}

function fail(message) {
  console.error(`[traffic] ${message}`);
  process.exit(1);
}

async function gql(query, variables, token) {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json().catch(() => ({}));
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new Error(`${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
  }
  if (!body.data) throw new Error(`GraphQL answered HTTP ${res.status}`);
  return body.data;
}

/** POSTs JSON to a REST path; retries 429 after its Retry-After. Returns { status, body }. */
async function post(path, key, json, headers = {}) {
  for (;;) {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}`, ...headers },
      body: JSON.stringify(json),
    });
    const body = await res.json().catch(() => ({}));
    if (res.status !== 429) return { status: res.status, body };
    await sleep(1000 * Number(res.headers.get('retry-after') ?? 1));
  }
}

async function logIn(email) {
  const data = await gql(
    `mutation($e: String!, $p: String!) { logIn(email: $e, password: $p) {
       accessToken user { memberships { organization { id kind name creator { id handle } } } } } }`,
    { e: email, p: args.password },
  ).catch((err) => fail(`cannot log in as ${email} (${err.message}): is this the demo world of npm start?`));
  const org = data.logIn.user.memberships[0].organization;
  return { token: data.logIn.accessToken, org };
}

/** A fresh key of the organization with the scopes; earlier keys of this script are revoked. */
async function apiKey(account, scopes) {
  const { apiKeys } = await gql(
    `query($o: ID!) { apiKeys(organizationId: $o) { id name revokedAt } }`,
    { o: account.org.id },
    account.token,
  );
  for (const old of apiKeys.filter((k) => k.name === KEY_NAME && !k.revokedAt))
    await gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: old.id }, account.token);
  const { createApiKey } = await gql(
    `mutation($o: ID!, $s: [ApiScope!]!) { createApiKey(organizationId: $o, name: "${KEY_NAME}", scopes: $s) { secret } }`,
    { o: account.org.id, s: scopes },
    account.token,
  );
  return createApiKey.secret;
}

async function liveStream(creator) {
  const { streams } = await gql(
    `query($c: ID!) { streams(creatorId: $c, status: LIVE, first: 10) { nodes { id title externalId giftedRoses } } }`,
    { c: creator.org.creator.id },
    creator.token,
  );
  const found = streams.nodes.find((s) => s.externalId === 'demo-live-1') ?? streams.nodes[0];
  if (found) return found;
  say('no live stream: scheduling and starting one');
  const { scheduleStream } = await gql(
    `mutation($i: ScheduleStreamInput!) { scheduleStream(input: $i) { id } }`,
    {
      i: {
        creatorId: creator.org.creator.id,
        title: 'Demo traffic live',
        scheduledStartAt: new Date().toISOString(),
      },
    },
    creator.token,
  );
  const { startStream } = await gql(
    `mutation($id: ID!) { startStream(id: $id) { id title externalId giftedRoses } }`,
    { id: scheduleStream.id },
    creator.token,
  );
  return startStream;
}

/** The brand's ACTIVE campaign with an accepted offer to the creator, and its pool for the creator. */
async function campaignFor(brand, creator) {
  const { offers } = await gql(
    `query($c: ID!) { offers(creatorId: $c, status: ACCEPTED, first: 50) {
       nodes { campaign { id name status brand { id } } } } }`,
    { c: creator.org.creator.id },
    brand.token,
  );
  const campaign = offers.nodes
    .map((o) => o.campaign)
    .find((c) => c.status === 'ACTIVE' && c.brand.id === brand.org.id);
  if (!campaign)
    fail(`${args.brand} has no ACTIVE campaign with an accepted offer to @${creator.org.creator.handle}`);
  const pools = await gql(
    `query($id: ID!) { campaign(id: $id) { couponPools { id generationStatus creator { id } } } }`,
    { id: campaign.id },
    brand.token,
  )
    .then((d) => d.campaign.couponPools)
    .catch(() => []);
  const pool = pools.find((p) => p.creator?.id === creator.org.creator.id && p.generationStatus === 'DONE');
  return { campaign, poolId: pool?.id ?? null };
}

let eventSeq = 0;
const event = (streamId, type, extra = {}) => ({
  eventId: `traffic-${run}-${++eventSeq}`,
  streamId,
  type,
  occurredAt: new Date().toISOString(),
  ...extra,
});
const rose = (streamId, viewerId, count) =>
  event(streamId, 'GIFT', { viewerId, gift: { name: 'rose', count, coinValue: 1 } });

async function sendEvents(key, events) {
  let accepted = 0;
  for (let i = 0; i < events.length; i += 1000) {
    const { status, body } = await post('/v1/events', key, { events: events.slice(i, i + 1000) });
    if (status !== 202)
      throw new Error(`POST /v1/events answered ${status}: ${JSON.stringify(body.error ?? body)}`);
    accepted += body.accepted;
  }
  return accepted;
}

/** Runs `work(i)` for i < count with `concurrency` at a time. */
async function pool(count, concurrency, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

async function main() {
  const ready = await fetch(`${base}/health/ready`).catch(() => null);
  if (!ready?.ok)
    fail(`${base} is not ready (${ready ? `HTTP ${ready.status}` : 'no answer'}): start it with npm start`);

  const creator = await logIn(args.creator);
  const brand = await logIn(args.brand);
  if (!creator.org.creator) fail(`${args.creator} is not a creator`);
  const stream = await liveStream(creator);
  const { campaign, poolId } = await campaignFor(brand, creator);
  say(
    `stream "${stream.title}" (${stream.id}), campaign "${campaign.name}", ${fmt(stream.giftedRoses)} roses so far`,
  );
  const streamKey = await apiKey(creator, ['EVENTS_WRITE', 'DROPS_CLAIM']);
  const checkoutKey = await apiKey(brand, ['REDEMPTIONS_WRITE']);
  say('API keys ready: EVENTS_WRITE + DROPS_CLAIM (creator), REDEMPTIONS_WRITE (brand)');

  // 1. Regular gifting: viewers arrive, like and send a few roses every second.
  const viewer = (i) => `traffic-${run}-v${i}`;
  let sent = 0;
  for (let s = 0; s < seconds; s++) {
    const started = Date.now();
    const batch = [];
    for (let i = 0; i < Math.ceil(viewers / seconds); i++)
      batch.push(
        event(stream.id, 'VIEWER_JOINED', { viewerId: viewer(s * Math.ceil(viewers / seconds) + i) }),
      );
    for (let i = 0; i < 8; i++) {
      batch.push(event(stream.id, 'LIKE', { viewerId: viewer(Math.floor(Math.random() * viewers)) }));
      const count = 1 + Math.floor(Math.random() * 5);
      batch.push(rose(stream.id, viewer(Math.floor(Math.random() * viewers)), count));
      sent += count;
    }
    await sendEvents(streamKey, batch);
    say(`second ${s + 1}/${seconds}: ${fmt(sent)} roses sent`);
    await sleep(Math.max(0, 1000 - (Date.now() - started)));
  }

  // 2. The spike: enough roses to reach the next gift milestone, when one is waiting.
  const { drops: waiting } = await gql(
    `query($s: ID!) { drops(streamId: $s, status: SCHEDULED) { nodes { id trigger milestoneRoses } } }`,
    { s: stream.id },
    brand.token,
  );
  const { stream: now } = await gql(
    `query($id: ID!) { stream(id: $id) { giftedRoses } }`,
    { id: stream.id },
    creator.token,
  );
  const milestones = waiting.nodes
    .filter((d) => d.trigger === 'GIFT_MILESTONE' && d.milestoneRoses > now.giftedRoses)
    .map((d) => d.milestoneRoses - now.giftedRoses);
  const gap = Math.min(...milestones);
  const spike = Number.isFinite(gap) && gap <= 20_000 ? gap + 50 : args.short ? 200 : 1500;
  const spikeEvents = [];
  for (let left = spike, i = 0; left > 0; i++) {
    const count = Math.min(left, 20 + Math.floor(Math.random() * 80));
    spikeEvents.push(rose(stream.id, viewer(i % viewers), count));
    left -= count;
  }
  await sendEvents(streamKey, spikeEvents);
  say(
    `spike: ${fmt(spike)} roses in ${spikeEvents.length} gifts` +
      (Number.isFinite(gap) && gap <= 20_000 ? ' (reaches the gift milestone: that drop opens)' : ''),
  );

  // 3. A MANUAL drop, opened by the brand.
  const roseCount = Math.max(1, Math.floor(viewers * 0.8));
  const { scheduleDrop } = await gql(
    `mutation($i: ScheduleDropInput!) { scheduleDrop(input: $i) { id } }`,
    {
      i: {
        campaignId: campaign.id,
        streamId: stream.id,
        trigger: 'MANUAL',
        roseCount,
        perViewerLimit: 1,
        claimWindowSeconds: args.short ? 60 : 300,
        couponPoolId: poolId,
      },
    },
    brand.token,
  );
  await gql(`mutation($id: ID!) { openDrop(id: $id) { id status } }`, { id: scheduleDrop.id }, brand.token);
  say(`drop ${scheduleDrop.id} open: ${fmt(roseCount)} roses${poolId ? ' with coupon codes' : ''}`);

  // 4. The claim burst: every viewer claims once; some press twice (409), late ones find it empty (410).
  const statuses = { 201: 0, 409: 0, 410: 0, other: 0 };
  const codes = [];
  let done = 0;
  const tries = viewers + Math.ceil(viewers / 10);
  await pool(tries, 16, async (i) => {
    const who = viewer(i % viewers);
    const { status, body } = await post(
      `/v1/drops/${scheduleDrop.id}/claims`,
      streamKey,
      { viewerId: who },
      { 'Idempotency-Key': `traffic-${run}-claim-${i}` },
    );
    statuses[status in statuses ? status : 'other'] += 1;
    if (status === 201 && body.couponCode) codes.push({ viewer: who, code: body.couponCode });
    done += 1;
    if (done % Math.max(1, Math.floor(tries / 4)) === 0 || done === tries)
      say(
        `claims: ${done}/${tries} sent, ${statuses[201]} claimed, ${statuses[409]} over the limit, ${statuses[410]} too late`,
      );
  });
  if (statuses.other) throw new Error(`${statuses.other} claims answered an unexpected status`);

  // 5. Some viewers shop with their codes; one order is refunded.
  const shoppers = codes.filter((_, i) => i % 3 === 0);
  const redemptions = [];
  for (const { viewer: who, code } of shoppers) {
    const amount = `${20 + Math.floor(Math.random() * 120)}.${String(Math.floor(Math.random() * 100)).padStart(2, '0')}`;
    const { status, body } = await post(
      '/v1/redemptions',
      checkoutKey,
      {
        code,
        customerId: `shopper-${who}`,
        orderId: `traffic-${run}-${code}`,
        orderAmount: { amount, currency: 'USD' },
      },
      { 'Idempotency-Key': `traffic-${run}-${code}` },
    );
    if (status !== 201)
      throw new Error(`POST /v1/redemptions answered ${status}: ${JSON.stringify(body.error ?? body)}`);
    redemptions.push(body);
  }
  if (redemptions.length) {
    const { status } = await post(`/v1/redemptions/${redemptions[0].id}/rollback`, checkoutKey, {
      reason: 'Order refunded',
    });
    if (status !== 200) throw new Error(`rollback answered ${status}`);
  }
  say(
    `redemptions: ${redemptions.length} of ${codes.length} codes redeemed${redemptions.length ? ', 1 rolled back' : ''}`,
  );

  const { drop } = await gql(
    `query($id: ID!) { drop(id: $id) { status claimedRoses remainingRoses claimCount } }`,
    { id: scheduleDrop.id },
    brand.token,
  );
  say(
    `done: drop ${drop.status}, ${fmt(drop.claimedRoses)} claimed, ${fmt(drop.remainingRoses)} left; ` +
      `stream ${stream.id} has the new events, claims and redemptions in its live monitor`,
  );
  console.log(
    JSON.stringify({
      streamId: stream.id,
      dropId: scheduleDrop.id,
      roses: sent + spike,
      claims: statuses[201],
      overLimit: statuses[409],
      tooLate: statuses[410],
      redemptions: redemptions.length,
    }),
  );
}

main().catch((err) => fail(err.message));
