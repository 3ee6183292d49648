import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { clearRedisPrefix } from '@bouquet/testing';
import { type RoleProcess, startRole, stopAll } from './cluster';
import { BACKEND_MAIN, createDatabase, ROOT } from './processes';

/**
 * Browser end-to-end support: the BUILT backend serving the BUILT portal on a fresh database, Debian's
 * chromium driven by playwright-core (never a downloaded browser), screenshots under tests/artifacts/
 * (git-ignored) and axe-core checks of what is on screen.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PORTAL_DIR = join(ROOT, 'dist/frontend/browser');
export const ARTIFACTS = join(ROOT, 'tests/artifacts');
const AXE_SCRIPT = join(ROOT, 'node_modules/axe-core/axe.min.js');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Fails with the command to run when the backend or the portal has not been built. */
export function requireBuilds(): void {
  if (!existsSync(BACKEND_MAIN))
    throw new Error(`${BACKEND_MAIN} is missing: run npm test (it builds the backend and the portal first)`);
  if (!existsSync(join(PORTAL_DIR, 'index.html')))
    throw new Error(
      `${PORTAL_DIR}/index.html is missing: run npm test, or npx nx run frontend:build, before the browser tests`,
    );
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium (.ci/run does it) for the browser tests`,
    );
}

export interface Portal {
  baseUrl: string;
  backend: RoleProcess;
  /** The backend's REDIS_PREFIX (its BullMQ queues live under `<prefix>:q`). */
  redisPrefix: string;
  stop(): Promise<void>;
}

/**
 * One `ROLE=all` process of the built backend on a free port, with its own empty database (migrated at
 * boot, no demo seed) and Redis prefix, serving the built portal at `/`.
 */
export async function startPortal(env: Record<string, string> = {}): Promise<Portal> {
  const db = await createDatabase();
  const prefix = `bqpt${randomBytes(3).toString('hex')}`;
  let backend: RoleProcess | undefined;
  const stop = async () => {
    await stopAll([backend]);
    await db.drop();
    await clearRedisPrefix(prefix);
  };
  try {
    backend = await startRole({
      name: 'portal-all',
      role: 'all',
      databaseUrl: db.url,
      redisPrefix: prefix,
      env: {
        MIGRATE_ON_START: 'true',
        SEED_DEMO: 'false',
        PORTAL_DIR,
        ...env,
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: backend.baseUrl, backend, redisPrefix: prefix, stop };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** What went wrong inside a page: uncaught exceptions and console errors, for the report of a failure. */
export interface PageProblems {
  uncaught: string[];
  consoleErrors: string[];
}

export interface Visitor {
  name: string;
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
}

/**
 * A person at their own browser (own context: own session storage), at 1280 px, with reduced motion so
 * screenshots and axe see settled screens.
 */
export async function newVisitor(browser: Browser, baseUrl: string, name: string): Promise<Visitor> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: DESKTOP,
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  const page = await context.newPage();
  const problems: PageProblems = { uncaught: [], consoleErrors: [] };
  page.on('pageerror', (error) => problems.uncaught.push(`${error.name}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  return { name, context, page, problems };
}

/** Empties tests/artifacts/portal/ (screenshots of an earlier run). */
export function clearScreenshots(): void {
  rmSync(join(ARTIFACTS, 'portal'), { recursive: true, force: true });
}

/** How much taller than the viewport the page's content is, counting inner scrolling panes (the shell's). */
function hiddenHeight(page: Page): Promise<number> {
  return page.evaluate(() => {
    let extra = Math.max(0, document.documentElement.scrollHeight - window.innerHeight);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const overflow = getComputedStyle(el).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollHeight > el.clientHeight + 1)
        extra = Math.max(extra, el.scrollHeight - el.clientHeight);
    }
    return extra;
  });
}

/**
 * Saves a screenshot of the whole screen as tests/artifacts/portal/<name>.png: the viewport grows to show
 * what the shell's scrolling pane hides (up to 6,000 px), optionally at another width, then comes back.
 */
export async function screenshot(page: Page, name: string, width?: number): Promise<string> {
  const dir = join(ARTIFACTS, 'portal');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  const before = page.viewportSize() ?? DESKTOP;
  const base = { width: width ?? before.width, height: width ? PHONE.height : before.height };
  try {
    if (base.width !== before.width) {
      await page.setViewportSize(base);
      await settle(page, true);
    }
    const extra = await hiddenHeight(page);
    if (extra > 0) {
      await page.setViewportSize({ width: base.width, height: Math.min(6_000, base.height + extra) });
      await settle(page, true);
    }
    await page.screenshot({ path: file, animations: 'disabled' });
  } finally {
    const changed =
      page.viewportSize()?.width !== before.width || page.viewportSize()?.height !== before.height;
    if (changed) {
      await page.setViewportSize(before);
      await settle(page, true);
    }
  }
  return file;
}

/**
 * Lets layout, fonts and pending requests settle. After a viewport change (`resized`), waits a little
 * longer: charts follow their container through a debounced ResizeObserver.
 */
export async function settle(page: Page, resized = false): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  if (resized) await page.waitForTimeout(400);
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/** Runs axe-core (WCAG 2 A and AA rules) on the page as it is; answers the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    type Axe = { run: (...args: unknown[]) => Promise<{ violations: AxeViolation[] }> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
}

/** A readable list of violations, one rule per paragraph with each offending element. */
export function describeViolations(screen: string, violations: AxeViolation[]): string {
  return [
    `${screen}: ${violations.length} serious or critical accessibility violation(s)`,
    ...violations.map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
        v.nodes
          .slice(0, 8)
          .map(
            (n) =>
              `    ${n.target.join(' ')}\n      ${n.html.slice(0, 300)}\n      ${n.failureSummary ?? ''}`,
          )
          .join('\n'),
    ),
  ].join('\n');
}

/** Polls `read` until `matches` holds; fails with what was last read. */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  matches: (value: T) => boolean,
  timeoutMs = 20_000,
  everyMs = 150,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let failure: unknown;
  for (;;) {
    try {
      last = await read();
      failure = undefined;
      if (matches(last)) return last;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not within ${timeoutMs / 1000} s (last seen: ${failure ? String(failure) : JSON.stringify(last)})`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until the element's text (whitespace collapsed) matches. */
export function untilText(locator: Locator, pattern: RegExp, timeoutMs?: number): Promise<string> {
  return until(
    `text ${pattern} in ${locator}`,
    async () => ((await locator.innerText({ timeout: 2_000 })) ?? '').replace(/\s+/g, ' ').trim(),
    (text) => pattern.test(text),
    timeoutMs,
  );
}
