import type { GqlResult, HttpAnswer } from '../../support/api';
import type { ActorName, Scope, World } from '../../support/world';

/**
 * What a cell must answer: `OK`, the error code (GraphQL `extensions.reason ?? code`, REST
 * `error.code`), or `NONE` for an answer that is allowed but acts on nothing (e.g. marking another
 * user's notifications read answers 0).
 */
export type Outcome =
  'OK' | 'NONE' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT';

export type Expectation = Record<ActorName, Outcome>;

/** One call's classified answer. */
export interface Cell {
  outcome: string;
  /** The answer carried data although it was refused (a leak). */
  leaked: boolean;
  detail: string;
}

export type Prepared = Record<string, any>;

/** A row: one operation of the contract, how to call it, and the expected outcome per actor. */
export interface MatrixRow {
  /** `Query.campaign`, `Mutation.claimDrop`, `POST /v1/drops/{id}/claims`... */
  op: string;
  /** Whose API keys play `keyWithScope`/`keyWithoutScope`, and the scope (default: the brand's, REDEMPTIONS_WRITE). */
  keys?: { org: 'brand' | 'creator'; scope: Scope };
  /** Fresh state for one cell (runs before the database digest), e.g. a DRAFT campaign to launch. */
  prepare?: (w: World, actor: ActorName) => Promise<Prepared>;
  call: (w: World, token: string | undefined, p: Prepared) => Promise<Cell>;
  expect: Expectation;
  /**
   * Cells where the backend answers otherwise today: a bug reported to the domain's owner. The cell
   * passes while it answers `got`, and fails once fixed (then delete the entry).
   */
  known?: Partial<Record<ActorName, KnownIssue>>;
}

export interface KnownIssue {
  got: string;
  issue: string;
}

/** A subscription row: every actor subscribes, one trigger fires, receivers must get data and nobody else. */
export interface SubscriptionRow {
  op: string;
  keys?: { org: 'brand' | 'creator'; scope: Scope };
  query: string;
  variables: (w: World) => Record<string, unknown>;
  trigger: (w: World) => Promise<void>;
  expect: Expectation;
  /** Actors whose subscription must deliver the trigger's event (default: every OK actor). */
  receivers?: ActorName[];
}

function hasData(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value !== 'object') return true;
  return Object.values(value as object).some(hasData);
}

/** Classifies a GraphQL answer; `none` turns an allowed answer that acted on nothing into NONE. */
export function gqlCell(res: GqlResult, none?: (data: any) => boolean): Cell {
  if (res.errors?.length) {
    const ext = res.errors[0].extensions ?? {};
    return {
      outcome: String(ext.reason ?? ext.code ?? 'UNKNOWN'),
      leaked: hasData(res.data),
      detail: res.errors[0].message,
    };
  }
  if (none?.(res.data)) return { outcome: 'NONE', leaked: false, detail: JSON.stringify(res.data) };
  return { outcome: 'OK', leaked: false, detail: '' };
}

/** Classifies a REST answer: 2xx is OK, else the `error.code` of the body. */
export function restCell(res: HttpAnswer, rejection?: (body: any) => string | null): Cell {
  if (res.status >= 200 && res.status < 300) {
    const rejected = rejection?.(res.json);
    if (rejected) return { outcome: rejected, leaked: false, detail: res.text.slice(0, 200) };
    return { outcome: 'OK', leaked: false, detail: '' };
  }
  const body = res.json as { error?: { code?: string; message?: string } } | undefined;
  const keys = body && typeof body === 'object' ? Object.keys(body) : [];
  return {
    outcome: body?.error?.code ?? `HTTP_${res.status}`,
    leaked: keys.some((k) => k !== 'error'),
    detail: `${res.status} ${body?.error?.message ?? res.text.slice(0, 200)}`,
  };
}

const OK = 'OK' as const;
const NF = 'NOT_FOUND' as const;
const FB = 'FORBIDDEN' as const;
const UN = 'UNAUTHENTICATED' as const;

/** Readers of the brand's objects: its members, the granted agency and the brand's own API keys. */
export const BRAND_READ: Expectation = {
  owner: OK,
  manager: OK,
  viewer: OK,
  otherTenant: NF,
  agencyWithGrant: OK,
  agencyWithoutGrant: NF,
  creator: NF,
  otherCreator: NF,
  anonymous: UN,
  keyWithScope: OK,
  keyWithoutScope: OK,
};

/** Writers of the brand's objects: owner, manager, the granted agency; API keys never. */
export const BRAND_WRITE: Expectation = {
  ...BRAND_READ,
  viewer: FB,
  keyWithScope: FB,
  keyWithoutScope: FB,
};

/** Administration of the brand itself: its owner only, never through an agency or a key. */
export const BRAND_ADMIN: Expectation = {
  ...BRAND_WRITE,
  manager: FB,
  agencyWithGrant: NF,
};

/** The creator's own objects: its members; brands see nothing; keys (the creator's) may not. */
export const CREATOR_ONLY: Expectation = {
  owner: NF,
  manager: NF,
  viewer: NF,
  otherTenant: NF,
  agencyWithGrant: NF,
  agencyWithoutGrant: NF,
  creator: OK,
  otherCreator: NF,
  anonymous: UN,
  keyWithScope: FB,
  keyWithoutScope: FB,
};

/** Anyone signed in (people and keys); anonymous callers are refused. */
export const SIGNED_IN: Expectation = {
  owner: OK,
  manager: OK,
  viewer: OK,
  otherTenant: OK,
  agencyWithGrant: OK,
  agencyWithoutGrant: OK,
  creator: OK,
  otherCreator: OK,
  anonymous: UN,
  keyWithScope: OK,
  keyWithoutScope: OK,
};

/** People only: any signed-in user; API keys are FORBIDDEN. */
export const PEOPLE: Expectation = { ...SIGNED_IN, keyWithScope: FB, keyWithoutScope: FB };

/** Public operations: everyone, even without credentials. */
export const PUBLIC: Expectation = { ...SIGNED_IN, anonymous: OK };

export function with_(base: Expectation, changes: Partial<Expectation>): Expectation {
  return { ...base, ...changes };
}

/** A GraphQL row body: the document and its variables from the world and the cell's prepared state. */
export function gql(
  query: string,
  variables: (w: World, p: Prepared) => Record<string, unknown> = () => ({}),
  none?: (data: any) => boolean,
): MatrixRow['call'] {
  return async (w, token, p) => gqlCell(await w.api.gql(query, variables(w, p), token), none);
}

/** A REST row body: method, path and body from the world and the prepared state. */
export function rest(
  method: 'GET' | 'POST',
  path: (w: World, p: Prepared) => string,
  init: (w: World, p: Prepared) => { json?: unknown; headers?: Record<string, string> } = () => ({}),
  rejection?: (body: any) => string | null,
): MatrixRow['call'] {
  return async (w, token, p) =>
    restCell(await w.api.http(path(w, p), { method, token, ...init(w, p) }), rejection);
}

/** A list filtered by another tenant's object answers an empty list: nothing of it shows. */
export const emptyList = (field: string) => (data: any) => data?.[field]?.totalCount === 0;
