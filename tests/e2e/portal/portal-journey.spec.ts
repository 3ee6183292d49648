import { randomBytes } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  clearScreenshots,
  describeViolations,
  launchChromium,
  newVisitor,
  type Portal,
  requireBuilds,
  screenshot,
  startPortal,
  until,
  untilText,
  type Visitor,
} from '../../support/browser';
import { heldQueue } from '../../support/queues';
import {
  type AccessibilityLog,
  api,
  apiSession,
  checkScreen,
  createApiKey,
  type Person,
  restPost,
  signUp,
} from './journey';

/**
 * The portal as its users meet it, in Debian's chromium against the BUILT backend serving the BUILT portal
 * on a fresh database: a brand and a creator negotiate an offer, the creator goes live, the brand funds a
 * drop with coupon codes and watches viewers claim it, the numbers land on the campaign, and an agency sees
 * the brand once granted. Each step asserts what the user sees; the main screens are screenshotted (1280 px,
 * some at 390 px) under tests/artifacts/portal/ and checked with axe-core.
 */

const run = randomBytes(3).toString('hex');
const password = 'a long enough password';
const brandPerson: Person = {
  kind: 'Brand',
  name: 'Bea Laurent',
  organization: `Maison Fleur ${run}`,
  email: `brand-${run}@example.com`,
  password,
};
const creatorHandle = `cleo_${run}`;
const creatorPerson: Person = {
  kind: 'Creator',
  name: `Cleo Rivera ${run}`,
  organization: 'Cleo Live',
  email: `creator-${run}@example.com`,
  password,
  handle: creatorHandle,
};
const agencyPerson: Person = {
  kind: 'Agency',
  name: 'Ada Okafor',
  organization: `Northwind Agency ${run}`,
  email: `agency-${run}@example.com`,
  password,
};
const campaignName = 'Spring glow launch';
const streamTitle = 'Friday night glow Q&A';
const poolName = 'Spring glow codes';
/** Two generation batches (20,000 each), so the progress is there to watch. */
const POOL_SIZE = 40_000;
const CLAIMS = 12;
const REDEEMED = 3;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

/** The id in a URL or a text; fails when there is none. */
function idIn(text: string): string {
  const id = UUID.exec(text)?.[0];
  if (!id) throw new Error(`no id in "${text}"`);
  return id;
}

/** A link of the side navigation (the portal's "Portal" landmark). */
function navLink(page: Page, label: string): Locator {
  return page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: label, exact: true });
}

/** A KPI card by its label (its value and hint are in its text). */
function kpi(page: Page, label: string): Locator {
  return page.locator('app-kpi-card').filter({ has: page.getByText(label, { exact: true }) });
}

describe('portal in the browser: a brand, a creator and an agency', () => {
  let portal: Portal | undefined;
  let browser: Browser | undefined;
  let brand: Visitor;
  let creator: Visitor;
  let agency: Visitor;
  const a11y: AccessibilityLog = new Map();
  const timings: string[] = [];
  const world = {} as { campaignId: string; streamId: string; dropId: string; codes: string[] };
  let failedStep: string | null = null;

  const started = () => {
    if (!portal) throw new Error('the portal did not start');
    return portal;
  };
  const baseUrl = () => started().baseUrl;

  /** One step of the journey; after a failed step the later ones stop at once, naming it. */
  const step = (name: string, body: () => Promise<void>, timeoutMs = 90_000) =>
    it(
      name,
      async () => {
        if (failedStep) throw new Error(`not run: the earlier step "${failedStep}" failed`);
        const started = Date.now();
        try {
          await body();
          timings.push(`${((Date.now() - started) / 1000).toFixed(1)} s  ${name}`);
        } catch (error) {
          failedStep = name;
          for (const visitor of [brand, creator, agency].filter(Boolean)) {
            await screenshot(visitor.page, `failure.${visitor.name}`).catch(() => undefined);
            console.error(
              `${visitor.name} at ${visitor.page.url()}\n` +
                `  uncaught: ${JSON.stringify(visitor.problems.uncaught)}\n` +
                `  console errors: ${JSON.stringify(visitor.problems.consoleErrors.slice(-10))}`,
            );
          }
          throw error;
        }
      },
      timeoutMs,
    );

  beforeAll(async () => {
    requireBuilds();
    clearScreenshots();
    portal = await startPortal();
    browser = await launchChromium();
    brand = await newVisitor(browser, portal.baseUrl, 'brand');
    creator = await newVisitor(browser, portal.baseUrl, 'creator');
    agency = await newVisitor(browser, portal.baseUrl, 'agency');
  }, 120_000);

  afterAll(async () => {
    if (timings.length) console.log(`portal journey steps:\n${timings.join('\n')}`);
    for (const visitor of [brand, creator, agency].filter(Boolean))
      if (visitor.problems.consoleErrors.length)
        console.warn(`${visitor.name}'s console errors:\n${visitor.problems.consoleErrors.join('\n')}`);
    await browser?.close();
    await portal?.stop();
  }, 60_000);

  step('a brand and a creator sign up, each in their own browser', async () => {
    await signUp(brand.page, brandPerson, () => checkScreen(brand, 'signup', a11y, { phone: true }));
    await brand.page.getByRole('heading', { name: 'Start your first campaign' }).waitFor();
    await checkScreen(brand, 'brand-campaigns-empty', a11y);

    await signUp(creator.page, creatorPerson);
    await creator.page.getByRole('heading', { name: 'No offers yet' }).waitFor();
    await checkScreen(creator, 'creator-offers-empty', a11y);
  });

  step('the brand creates a campaign (fields it gets wrong are named) and launches it', async () => {
    const page = brand.page;
    await page.getByRole('link', { name: 'New campaign' }).click();
    await page.getByRole('heading', { name: 'New campaign', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByText('Name is required.').waitFor();
    await page.getByText('Budget is required.').waitFor();

    await page.getByLabel('Name', { exact: true }).fill(campaignName);
    await page.getByRole('radio', { name: /^Sales/ }).check();
    await page
      .getByLabel('Brief')
      .fill('Show the spring glow serum live; pin the code while the drop is open.');
    await page.getByLabel('Budget', { exact: true }).fill('5000');
    await checkScreen(brand, 'brand-campaign-editor', a11y);
    await page.getByRole('button', { name: 'Create campaign' }).click();

    await page.waitForURL(/\/app\/brand\/campaigns\/[0-9a-f-]{36}$/);
    world.campaignId = idIn(page.url());
    await page.getByRole('heading', { name: campaignName, level: 1 }).waitFor();
    await page.getByText(/This campaign is a draft/).waitFor();
    await page.getByRole('button', { name: 'Launch' }).click();
    await page.getByText(`“${campaignName}” is active.`).waitFor();
    await page.getByRole('link', { name: 'Schedule a drop' }).waitFor();
    await untilText(kpi(page, 'Remaining'), /\$5,000\.00/);
    await checkScreen(brand, 'brand-campaign-launched', a11y);
  });

  step('the brand finds the creator and sends an offer', async () => {
    const page = brand.page;
    await page.getByRole('link', { name: 'Find creators' }).click();
    await page.waitForURL(/\/app\/brand\/creators\?campaign=/);
    await page.getByLabel('Search by name, handle or bio').fill(creatorHandle);
    const send = page.getByRole('button', { name: `Send an offer to ${creatorPerson.name}` });
    await send.waitFor();
    await page.getByRole('heading', { name: creatorPerson.name, level: 2 }).waitFor();
    await checkScreen(brand, 'brand-creator-discovery', a11y);

    await send.click();
    const dialog = page.getByRole('dialog', { name: `Send an offer to ${creatorPerson.name}` });
    await dialog.getByText(new RegExp(`${campaignName} · \\$5,000\\.00 left`)).waitFor();
    await dialog.getByLabel('Fee', { exact: true }).fill('300');
    await dialog.getByLabel('Rose allowance').fill('2000');
    await dialog
      .getByLabel('Message (optional)')
      .fill('We love your Friday Q&As. One stream, one drop, a code.');
    await checkScreen(brand, 'brand-send-offer-dialog', a11y);
    await dialog.getByRole('button', { name: 'Send offer' }).click();
    await page.getByText(`Offer sent to ${creatorPerson.name}.`).waitFor();
    await dialog.waitFor({ state: 'detached' });
  });

  step('the creator finds the offer in the inbox and counters with a higher fee', async () => {
    const page = creator.page;
    await page.goto('/app/creator/offers');
    await page.getByRole('status').filter({ hasText: '1 offer needs your reply' }).waitFor();
    const offer = page.getByRole('link', { name: new RegExp(brandPerson.organization) });
    await untilText(offer, /\$300\.00 · 1 stream · 2,000 roses.*Your move\s*1 new/);
    await checkScreen(creator, 'creator-offers-inbox', a11y);
    await offer.click();

    await page.waitForURL(/\/app\/creator\/offers\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: campaignName, level: 1 }).waitFor();
    await page.getByText(`${brandPerson.organization} is waiting for your answer.`).waitFor();
    await page.getByRole('button', { name: 'Counter' }).click();
    const form = page.getByRole('form', { name: 'Counter-offer' });
    await form.getByLabel('Fee', { exact: true }).fill('400');
    await form.getByLabel(/^Note to/).fill('Happy to do it for 400: the Friday stream peaks at 3k viewers.');
    await checkScreen(creator, 'creator-offer-counter', a11y, { phone: true });
    await form.getByRole('button', { name: 'Send counter-offer' }).click();

    await page.getByText(`Counter-offer sent to ${brandPerson.organization}.`).waitFor();
    await page.getByText(`Waiting for ${brandPerson.organization} to answer.`).waitFor();
    const revision = page.getByRole('listitem').filter({ hasText: 'Revision 2' });
    await untilText(revision, /countered.*Fee\s*Changed.*\$300\.00.*\$400\.00/);
  });

  step('the brand sees the change highlighted and accepts', async () => {
    const page = brand.page;
    await navLink(page, 'Offers').click();
    const offer = page.getByRole('link', { name: new RegExp(creatorPerson.name) });
    await untilText(offer, /\$400\.00.*Your move/);
    await checkScreen(brand, 'brand-offers', a11y);
    await offer.click();

    await page.getByText(`@${creatorHandle} is waiting for your answer.`).waitFor();
    const revision = page.getByRole('listitem').filter({ hasText: 'Revision 2' });
    await untilText(revision, /countered.*Fee\s*Changed.*\$400\.00/);
    await checkScreen(brand, 'brand-offer-thread', a11y, { phone: true });
    await page.getByRole('button', { name: 'Accept' }).click();
    const confirm = page.getByRole('dialog', { name: 'Accept these terms?' });
    await confirm.getByText(/\$400\.00 is committed from the Spring glow launch budget/).waitFor();
    await confirm.getByRole('button', { name: 'Accept offer' }).click();
    await page.getByText(/Accepted .*Schedule drops in .*'s streams from the campaign page\./).waitFor();
  });

  step('the creator schedules a stream and goes live', async () => {
    const page = creator.page;
    await navLink(page, 'My streams').click();
    await page.getByRole('heading', { name: 'No streams yet' }).waitFor();
    await page.getByRole('button', { name: 'Schedule a stream', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Schedule a stream' });
    await dialog.getByLabel('Title').fill(streamTitle);
    await checkScreen(creator, 'creator-schedule-stream-dialog', a11y);
    await dialog.getByRole('button', { name: 'Schedule stream' }).click();
    await page.getByText(`“${streamTitle}” is scheduled.`).waitFor();
    await page.getByRole('heading', { name: streamTitle, level: 3 }).waitFor();

    await page.getByRole('button', { name: `Go live with ${streamTitle}` }).click();
    await page.getByText(`“${streamTitle}” is live.`).waitFor();
    await page.getByRole('heading', { name: 'Live now', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Open live monitor' }).waitFor();
    await checkScreen(creator, 'creator-streams-live', a11y);
  });

  step('the brand creates a coupon pool, watches its codes being generated, and assigns it', async () => {
    const page = brand.page;
    await page.goto(`/app/brand/campaigns/${world.campaignId}`);
    await page.getByRole('link', { name: 'New pool' }).click();
    await page.getByRole('heading', { name: 'New coupon pool', level: 1 }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill(poolName);
    await page.getByLabel('Percent off').fill('15');
    await page.getByLabel('Number of codes').fill(String(POOL_SIZE));
    await page.getByLabel('Code prefix').fill('GLOW');
    await page.getByText(/^GLOW[A-Z0-9]{10}$/).waitFor(); // the sample code
    await checkScreen(brand, 'brand-coupon-pool-form', a11y); // no creator yet: assigned on the pool's page
    // The coupons queue is held until the page has shown the pending generation: on any machine,
    // however fast its worker, the brand sees the progress before the codes are done.
    const couponsQueue = await heldQueue(started().redisPrefix, 'coupons');
    const progress = page.getByRole('progressbar', { name: 'Codes generated' });
    const seen = new Set<string>();
    try {
      await page.getByRole('button', { name: 'Create pool and generate codes' }).click();
      await page.waitForURL(/\/pools\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: poolName, level: 1 }).waitFor();
      await progress.waitFor();
      seen.add((await progress.getAttribute('aria-valuenow')) ?? '?');
      await page.getByText(`0 of ${POOL_SIZE.toLocaleString('en-US')} codes (0%)`).waitFor();
      await screenshot(page, 'brand-coupon-pool-generating');
    } finally {
      await couponsQueue.release();
    }
    const exportButton = page.getByRole('button', { name: 'Export codes (CSV)' });
    await until(
      'the pool to finish generating',
      async () => {
        if (await progress.isVisible()) {
          const before = seen.size;
          seen.add((await progress.getAttribute('aria-valuenow')) ?? '?');
          // For the README tour, a value past 0% replaces the pending one when the machine shows one.
          if (before === 1 && seen.size === 2) await screenshot(page, 'brand-coupon-pool-generating');
        }
        return exportButton.isVisible();
      },
      (done) => done,
      90_000,
      100,
    );
    expect([...seen][0]).toBe('0'); // the progress bar was on screen while the codes were pending
    await untilText(kpi(page, 'Codes'), /40K.*of 40K planned/);
    await page.getByRole('cell', { name: /^GLOW/ }).first().waitFor();

    // Assigning the pool: the picker offers the creators with an accepted offer in the campaign.
    const assignment = page.getByRole('region', { name: 'Creator', exact: true });
    await assignment.getByText('Not assigned to a creator yet').waitFor();
    await assignment.getByLabel('Assign to').click();
    const choices = page.getByRole('listbox', { name: 'Assign to' }).getByRole('option');
    await untilText(choices.first(), new RegExp(`${creatorPerson.name} \\(@${creatorHandle}\\)`));
    expect(await choices.count()).toBe(1); // the one creator with an accepted offer, once
    await choices.first().click();
    await assignment.getByRole('button', { name: 'Assign pool' }).click();
    await untilText(
      assignment.getByTestId('assigned-creator'),
      new RegExp(`Assigned to ${creatorPerson.name} \\(@${creatorHandle}\\)`),
    );
    await page.getByText(`Redemptions now count for ${creatorPerson.name}.`).waitFor();
    await untilText(page.locator('app-page-header [subtitle]'), new RegExp(`for ${creatorPerson.name}`));
    await assignment.getByRole('button', { name: 'Reassign pool' }).waitFor();
    await page.reload(); // the assignment is the API's, not the page's
    await untilText(
      page.getByRole('region', { name: 'Creator', exact: true }).getByTestId('assigned-creator'),
      new RegExp(`Assigned to ${creatorPerson.name} \\(@${creatorHandle}\\)`),
    );
    await checkScreen(brand, 'brand-coupon-pool', a11y);
  });

  step('the brand schedules a drop with codes in the live stream and sees its cost first', async () => {
    const page = brand.page;
    await page.getByRole('link', { name: campaignName }).click();
    await page.getByRole('link', { name: 'Schedule a drop' }).click();
    await page.getByRole('heading', { name: 'Schedule a drop', level: 1 }).waitFor();
    const creatorChoice = page.getByRole('radio', { name: new RegExp(creatorPerson.name) });
    await until(
      'the only creator to be picked',
      () => creatorChoice.isChecked(),
      (v) => v,
    );
    await page.getByRole('radio', { name: new RegExp(streamTitle) }).check();
    await page.getByLabel('Roses in the drop').fill('500');
    await page.getByLabel('Open for').click();
    await page.getByRole('option', { name: '10 minutes' }).click();
    await page.getByLabel('Coupon pool').click();
    await page.getByRole('option', { name: new RegExp(poolName) }).click();
    await untilText(
      page.getByRole('complementary', { name: 'Summary' }),
      /Drop cost \$5\.00 Budget left now \$4,600\.00 Left after this drop \$4,595\.00/,
    );
    await checkScreen(brand, 'brand-drop-scheduler', a11y);
    await page.getByRole('button', { name: 'Review and schedule' }).click();
    const confirm = page.getByRole('dialog', { name: 'Reserve $5.00 for this drop?' });
    await confirm.getByText(/500 roses in “Friday night glow Q&A”/).waitFor();
    await confirm.getByRole('button', { name: 'Schedule drop' }).click();

    await page.waitForURL(new RegExp(`/app/brand/campaigns/${world.campaignId}$`));
    await page.getByText('Drop scheduled: $5.00 reserved.').waitFor();
    const row = page.getByRole('row').filter({ hasText: streamTitle });
    await untilText(row, /live now.*0 \/ 500.*\$5\.00.*Scheduled/);
  });

  step('the brand opens the drop from the live monitor', async () => {
    const page = brand.page;
    await page.getByRole('row').filter({ hasText: streamTitle }).getByRole('link', { name: 'Watch' }).click();
    await page.waitForURL(/\/app\/live\/[0-9a-f-]{36}$/);
    world.streamId = idIn(page.url());
    await page.getByRole('heading', { name: streamTitle, level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Updating live' }).waitFor();
    await page.getByRole('button', { name: `Open the drop of ${brandPerson.organization} now` }).click();
    await page.getByText('The drop is open: viewers can claim 500 roses for 10 min.').waitFor();
    const drop = page.getByRole('listitem').filter({ has: page.getByRole('meter') });
    await untilText(drop, /Open .*Remaining 500 of 500/);
  });

  step('viewers claim through the REST API and the live monitors count them as they arrive', async () => {
    const page = brand.page;
    const creatorSession = await apiSession(baseUrl(), creatorPerson);
    const claimKey = await createApiKey(baseUrl(), creatorSession, 'DROPS_CLAIM');
    const eventsKey = await createApiKey(baseUrl(), creatorSession, 'EVENTS_WRITE');
    const { drops } = await api<{ drops: { nodes: { id: string; status: string }[] } }>(
      baseUrl(),
      `query($s: ID!) { drops(streamId: $s) { nodes { id status } } }`,
      { s: world.streamId },
      creatorSession.token,
    );
    expect(drops.nodes).toEqual([{ id: expect.any(String), status: 'OPEN' }]);
    world.dropId = drops.nodes[0].id;

    // The stream side reports viewers and their gifts (8 viewers, 5 roses each).
    const now = new Date().toISOString();
    const events = Array.from({ length: 8 }, (_, i) => [
      {
        eventId: `join-${i}`,
        streamId: world.streamId,
        type: 'VIEWER_JOINED',
        occurredAt: now,
        viewerId: `v-${i}`,
      },
      {
        eventId: `gift-${i}`,
        streamId: world.streamId,
        type: 'GIFT',
        occurredAt: now,
        viewerId: `v-${i}`,
        gift: { name: 'rose', count: 5, coinValue: 1 },
      },
    ]).flat();
    const ingested = await restPost(baseUrl(), '/v1/events', eventsKey, { events });
    expect(ingested).toEqual({ status: 202, body: { accepted: 16, duplicates: 0 } });

    const claims = await Promise.all(
      Array.from({ length: CLAIMS }, (_, i) =>
        restPost(
          baseUrl(),
          `/v1/drops/${world.dropId}/claims`,
          claimKey,
          { viewerId: `v-${i}` },
          {
            'Idempotency-Key': `claim-${run}-${i}`,
          },
        ),
      ),
    );
    for (const claim of claims)
      expect(claim).toMatchObject({
        status: 201,
        body: { roses: 1, couponCode: expect.stringMatching(/^GLOW/) },
      });
    const again = await restPost(baseUrl(), `/v1/drops/${world.dropId}/claims`, claimKey, {
      viewerId: 'v-0',
    });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT' } } }); // one claim per viewer
    world.codes = claims.map((claim) => String(claim.body.couponCode));

    await untilText(kpi(page, 'Drop claims'), new RegExp(`^Drop claims ${CLAIMS}$`));
    const drop = page.getByRole('listitem').filter({ has: page.getByRole('meter') });
    await untilText(drop, new RegExp(`Remaining ${500 - CLAIMS} of 500 .*Claims ${CLAIMS}\\b`));
    await untilText(kpi(page, 'Gifted roses'), /^Gifted roses 40 /);
    await untilText(kpi(page, 'Peak viewers'), /^Peak viewers 8$/);
    await checkScreen(brand, 'brand-live-monitor', a11y, { phone: true });

    await creator.page.getByRole('link', { name: 'Open live monitor' }).click();
    await creator.page.getByRole('heading', { name: streamTitle, level: 1 }).waitFor();
    await untilText(kpi(creator.page, 'Drop claims'), new RegExp(`^Drop claims ${CLAIMS}$`));
    await checkScreen(creator, 'creator-live-monitor', a11y);

    await navLink(page, 'Live now').click();
    const live = page.getByRole('link', { name: new RegExp(streamTitle) });
    await untilText(
      live,
      new RegExp(`${creatorPerson.name} · since .*1 drop · 500 roses · ${brandPerson.organization}`),
    );
    await checkScreen(brand, 'brand-live-now', a11y);
  });

  step('the creator sees the open drop, the fee earned and the API keys in use', async () => {
    const page = creator.page;
    await navLink(page, 'Drops').click();
    await page.getByRole('heading', { name: 'Drops in my streams', level: 1 }).waitFor();
    await untilText(kpi(page, 'Roses claimed'), new RegExp(`^Roses claimed ${CLAIMS} `));
    const open = page.getByRole('listitem').filter({ hasText: brandPerson.organization });
    await untilText(
      open,
      new RegExp(`Open .*${CLAIMS} of 500 roses claimed · ${500 - CLAIMS} left · ${CLAIMS} claims`),
    );
    await checkScreen(creator, 'creator-drops', a11y);

    await navLink(page, 'Earnings').click();
    await untilText(kpi(page, 'Total earned'), /^Total earned \$400\.00 /);
    await untilText(kpi(page, 'Deals accepted'), /^Deals accepted 1$/);
    await checkScreen(creator, 'creator-earnings', a11y);

    await navLink(page, 'API keys').click();
    const claimKey = page.getByRole('row').filter({ hasText: 'e2e drops_claim' });
    await untilText(claimKey, /Active/);
    await checkScreen(creator, 'creator-api-keys', a11y);
  });

  step('redemptions at checkout and the campaign page shows the numbers', async () => {
    const brandSession = await apiSession(baseUrl(), brandPerson);
    const redeemKey = await createApiKey(baseUrl(), brandSession, 'REDEMPTIONS_WRITE');
    for (const [i, code] of world.codes.slice(0, REDEEMED).entries()) {
      const redeemed = await restPost(
        baseUrl(),
        '/v1/redemptions',
        redeemKey,
        {
          code,
          customerId: `customer-${i}`,
          orderId: `order-${run}-${i}`,
          orderAmount: { amount: '80.00', currency: 'USD' },
        },
        { 'Idempotency-Key': `redeem-${run}-${i}` },
      );
      expect(redeemed).toMatchObject({ status: 201, body: { status: 'SUCCEEDED' } });
    }

    const page = brand.page;
    await page.goto(`/app/brand/campaigns/${world.campaignId}`);
    await page.getByRole('heading', { name: campaignName, level: 1 }).waitFor();
    // Spend is the accepted fee (the open drop holds its $5.00 in reserve); revenue is 3 orders of $80.
    await untilText(kpi(page, 'Spend'), /^Spend \$400\.00 Fees \$400\.00 · drops \$0\.00$/);
    await untilText(kpi(page, 'Remaining'), /^Remaining \$4,595\.00 of \$5,000\.00 budget$/);
    await untilText(kpi(page, 'Redemptions'), new RegExp(`^Redemptions ${REDEEMED} `));
    await untilText(kpi(page, 'Revenue'), /^Revenue \$240\.00 /);
    await untilText(kpi(page, 'ROI'), /^ROI -40% /);
    await untilText(kpi(page, 'ROAS'), /^ROAS 0\.60× /);
    const drop = page.getByRole('row').filter({ hasText: streamTitle });
    await untilText(
      drop,
      new RegExp(`${CLAIMS} / 500 .*\\$5\\.00 .*${REDEEMED} redemptions \\$240\\.00 Open`),
    );
    const byCreator = page.getByRole('region', { name: 'Results by creator' }).getByRole('row', {
      name: new RegExp(creatorPerson.name),
    });
    await untilText(byCreator, new RegExp(`${CLAIMS} ${REDEEMED} \\$400\\.00 \\$240\\.00 -40%`));
    await page.getByRole('img', { name: /Roses gifted and claimed per minute/ }).waitFor();
    await checkScreen(brand, 'brand-campaign-results', a11y, { phone: true });

    await navLink(page, 'Campaigns').click();
    const listed = page.getByRole('row').filter({ hasText: campaignName });
    await untilText(listed, /Active .*\$240\.00 3 redemptions -40%/);
    await checkScreen(brand, 'brand-campaigns', a11y);
  });

  step('an agency signs up, the brand grants it access, and the agency sees the brand', async () => {
    const page = agency.page;
    await signUp(page, agencyPerson);
    await page.getByRole('heading', { name: 'No brand has granted you access yet' }).waitFor();
    const invite = await page.getByText(/Send a brand your organization id/).innerText();
    const agencyId = idIn(invite);
    await checkScreen(agency, 'agency-overview-empty', a11y);

    const brandPage = brand.page;
    await navLink(brandPage, 'Agency access').click();
    await brandPage.getByRole('heading', { name: 'Agency access', level: 1 }).waitFor();
    await brandPage.getByRole('heading', { name: 'No agency has access' }).waitFor();
    const field = brandPage.getByLabel('Agency organization id');
    await field.fill('northwind');
    await brandPage.getByRole('button', { name: 'Grant access' }).click();
    await until(
      'the agency id to be refused',
      () => field.getAttribute('aria-invalid'),
      (v) => v === 'true',
    );
    await field.fill(agencyId);
    await brandPage.getByRole('button', { name: 'Grant access' }).click();
    await brandPage.getByRole('button', { name: `Revoke access for ${agencyPerson.organization}` }).waitFor();
    await checkScreen(brand, 'brand-agency-access', a11y);

    await page.reload();
    const row = page.getByRole('row').filter({ hasText: brandPerson.organization });
    await untilText(row, /1 \$400\.00 \$240\.00 -40%/);
    await untilText(kpi(page, 'Attributed revenue'), /\$240\.00/);
    await checkScreen(agency, 'agency-overview', a11y, { phone: true });

    await navLink(brandPage, 'Audit log').click();
    await brandPage.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await brandPage
      .getByRole('cell', { name: /agency/i })
      .first()
      .waitFor();
    await checkScreen(brand, 'brand-audit-log', a11y);
  });

  step('a creator or an agency who types a brand URL lands in their own workspace', async () => {
    const brandUrl = `/app/brand/campaigns/${world.campaignId}`;
    await creator.page.goto(brandUrl);
    await creator.page.waitForURL(/\/app\/creator\/offers$/);
    await creator.page.getByRole('heading', { name: 'Offers', level: 1 }).waitFor();
    await agency.page.goto(brandUrl);
    await agency.page.waitForURL(/\/app\/agency$/);
    await agency.page.getByRole('row').filter({ hasText: brandPerson.organization }).waitFor();
  });

  it('has no serious or critical accessibility violation on any main screen', () => {
    expect(a11y.size).toBeGreaterThan(0);
    const failing = [...a11y].filter(([, violations]) => violations.length);
    expect(failing.map(([screen, violations]) => describeViolations(screen, violations))).toEqual([]);
  });

  it('raised no uncaught error in any page', () => {
    for (const visitor of [brand, creator, agency].filter(Boolean))
      expect({ who: visitor.name, uncaught: visitor.problems.uncaught }).toEqual({
        who: visitor.name,
        uncaught: [],
      });
  });
});
