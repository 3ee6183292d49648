import { createApiKey, signUp, SignedUp } from '../../testing/factories';
import { Agent, fetch as undiciFetch } from 'undici';
import type { TestApp } from '../../testing/test-app';
import {
  ACCEPT,
  createCampaign,
  creatorIdOf,
  sendOffer,
  terms,
} from '../../negotiation/tests/negotiation-factories';

export interface DropWorld {
  brand: SignedUp;
  creator: SignedUp;
  creatorId: string;
  campaignId: string;
  streamId: string;
  claimKey: string;
}

async function ok<T = any>(promise: Promise<{ data?: any; errors?: unknown }>): Promise<T> {
  const res = await promise;
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

/** A brand with an ACTIVE campaign, a creator with an accepted offer, and a LIVE (or scheduled) stream. */
export async function dropWorld(
  t: TestApp,
  opts: { budget?: string; roseAllowance?: number; live?: boolean; fee?: string } = {},
): Promise<DropWorld> {
  const [brand, creator] = await Promise.all([signUp(t, 'BRAND'), signUp(t, 'CREATOR')]);
  const creatorId = await creatorIdOf(t, creator);
  const campaignId = await createCampaign(t, brand, opts.budget ?? '1000.00');
  await ok(
    t.gql(`mutation($id: ID!) { launchCampaign(id: $id) { status } }`, { id: campaignId }, brand.accessToken),
  );
  const sent = await ok(
    sendOffer(t, brand, campaignId, creatorId, {
      terms: terms(opts.fee ?? '0.00', { roseAllowance: opts.roseAllowance ?? 100_000 }),
    }),
  );
  await ok(t.gql(ACCEPT, { id: sent.sendOffer.id, v: 1 }, creator.accessToken));
  const stream = await ok(
    t.gql(
      `mutation($i: ScheduleStreamInput!) { scheduleStream(input: $i) { id } }`,
      {
        i: {
          creatorId,
          title: 'Friday night live',
          scheduledStartAt: new Date(Date.now() + 3600_000).toISOString(),
        },
      },
      creator.accessToken,
    ),
  );
  const streamId = stream.scheduleStream.id;
  if (opts.live !== false)
    await ok(
      t.gql(`mutation($id: ID!) { startStream(id: $id) { status } }`, { id: streamId }, creator.accessToken),
    );
  const claimKey = (await createApiKey(t, creator, ['DROPS_CLAIM'])).secret;
  return { brand, creator, creatorId, campaignId, streamId, claimKey };
}

export const DROP_FIELDS = `id status trigger roseCount claimedRoses remainingRoses claimCount perViewerLimit cost { amount currency } openedAt closedAt`;

export async function scheduleDrop(t: TestApp, w: DropWorld, input: Record<string, unknown>) {
  return t.gql(
    `mutation($i: ScheduleDropInput!) { scheduleDrop(input: $i) { ${DROP_FIELDS} } }`,
    { i: { campaignId: w.campaignId, streamId: w.streamId, trigger: 'MANUAL', roseCount: 300, ...input } },
    w.brand.accessToken,
  );
}

export async function openDrop(t: TestApp, w: DropWorld, id: string) {
  return t.gql(`mutation($id: ID!) { openDrop(id: $id) { ${DROP_FIELDS} } }`, { id }, w.brand.accessToken);
}

/**
 * Bursts go through a pool of 100 keep-alive connections: the server sees 100 claims in flight at
 * every moment, and the client does not exhaust sockets or the listen backlog on a busy machine.
 */
const burstAgent = new Agent({ connections: 100, pipelining: 1 });

export function claim(t: TestApp, key: string, dropId: string, viewerId: string, idempotencyKey?: string) {
  return undiciFetch(`${t.baseUrl}/v1/drops/${dropId}/claims`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${key}`,
      'Content-Type': 'application/json',
      ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
    },
    body: JSON.stringify({ viewerId }),
    dispatcher: burstAgent,
  });
}

export async function ledgerOf(t: TestApp, campaignId: string) {
  const entries = await t.dataSource.query(
    `SELECT kind, amount::text, ref_type, ref_id FROM ledger_entries WHERE campaign_id = $1 ORDER BY id`,
    [campaignId],
  );
  const [totals] = await t.dataSource.query(
    `SELECT budget::text, spent::text, reserved::text FROM campaigns WHERE id = $1`,
    [campaignId],
  );
  return { entries, totals };
}
