import type { Page } from 'playwright-core';
import { gql } from '../../support/processes';
import {
  type AxeViolation,
  describeViolations,
  PHONE,
  screenshot,
  seriousViolations,
  settle,
  type Visitor,
} from '../../support/browser';

/** Someone who signs up in the portal. */
export interface Person {
  kind: 'Brand' | 'Creator' | 'Agency';
  name: string;
  organization: string;
  email: string;
  password: string;
  handle?: string;
}

/** Where `/app` lands each kind of organization after sign-up. */
const HOME: Record<Person['kind'], RegExp> = {
  Brand: /\/app\/brand\/campaigns$/,
  Creator: /\/app\/creator\/offers$/,
  Agency: /\/app\/agency$/,
};

/**
 * Signs up through the sign-up form, as a user does, and waits for the area home of the organization.
 * `filled` runs on the filled form, before it is sent.
 */
export async function signUp(page: Page, person: Person, filled?: () => Promise<void>): Promise<void> {
  await page.goto('/signup');
  await page.getByRole('heading', { name: 'Create your Bouquet account' }).waitFor();
  await page.getByRole('radio', { name: new RegExp(`^${person.kind}\\b`) }).check();
  await page.getByLabel('Your name').fill(person.name);
  await page
    .getByLabel(person.kind === 'Creator' ? 'Channel or studio name' : 'Organization name')
    .fill(person.organization);
  if (person.handle) await page.getByLabel('Creator handle').fill(person.handle);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await filled?.();
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(HOME[person.kind]);
}

/** Serious and critical axe violations per screen, for one assertion at the end of the journey. */
export type AccessibilityLog = Map<string, AxeViolation[]>;

/**
 * A main screen as the user sees it: a 1280 px screenshot (and a 390 px one with `phone`), then axe-core's
 * WCAG 2 A/AA rules on it. Violations are logged under the screen's name.
 */
export async function checkScreen(
  visitor: Visitor,
  name: string,
  log: AccessibilityLog,
  options: { phone?: boolean } = {},
): Promise<void> {
  const { page } = visitor;
  await settle(page);
  await screenshot(page, name);
  if (options.phone) await screenshot(page, `${name}.phone`, PHONE.width);
  let violations = await seriousViolations(page);
  if (violations.length) {
    // A closing dialog or snackbar leaves the rest of the page aria-hidden for its animation:
    // judge the screen once it has come to rest.
    await page.waitForTimeout(1_000);
    await settle(page);
    violations = await seriousViolations(page);
  }
  log.set(name, violations);
  if (violations.length) console.warn(describeViolations(name, violations));
}

/** Runs a GraphQL operation against the portal's API and answers its data (throws on errors). */
export async function api<T>(baseUrl: string, query: string, variables: object, token?: string): Promise<T> {
  const res = await gql<T>(baseUrl, query, variables, token);
  if (res.errors?.length || !res.data) throw new Error(`GraphQL: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** A machine's session: logs a person in over GraphQL; answers the token and their organization's id. */
export async function apiSession(
  baseUrl: string,
  person: Person,
): Promise<{ token: string; organizationId: string }> {
  const { logIn } = await api<{
    logIn: { accessToken: string; user: { memberships: { organization: { id: string } }[] } };
  }>(
    baseUrl,
    `mutation($e: String!, $p: String!) {
       logIn(email: $e, password: $p) { accessToken user { memberships { organization { id } } } }
     }`,
    { e: person.email, p: person.password },
  );
  return { token: logIn.accessToken, organizationId: logIn.user.memberships[0].organization.id };
}

/** An API key of an organization with one scope; answers its secret. */
export async function createApiKey(
  baseUrl: string,
  session: { token: string; organizationId: string },
  scope: 'DROPS_CLAIM' | 'EVENTS_WRITE' | 'REDEMPTIONS_WRITE',
): Promise<string> {
  const { createApiKey: created } = await api<{ createApiKey: { secret: string } }>(
    baseUrl,
    `mutation($o: ID!, $n: String!, $s: [ApiScope!]!) {
       createApiKey(organizationId: $o, name: $n, scopes: $s) { secret }
     }`,
    { o: session.organizationId, n: `e2e ${scope.toLowerCase()}`, s: [scope] },
    session.token,
  );
  return created.secret;
}

/** A POST to the REST API with an API key; answers the status and the JSON body. */
export async function restPost<T = Record<string, unknown>>(
  baseUrl: string,
  path: string,
  secret: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}`, ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
