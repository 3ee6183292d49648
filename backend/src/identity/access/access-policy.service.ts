import { ApiScope, MembershipRole } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../../platform/auth/actor';
import { UnitOfWork } from '../../platform/database/unit-of-work';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../platform/errors';
import { requireUuid } from '../../platform/validation/ids';

/** What an operation needs: VIEWER reads, MANAGER writes, OWNER administers (keys, grants, roles). */
export type Permission = 'read' | 'write' | 'admin';

const RANK: Record<MembershipRole, number> = { VIEWER: 1, MANAGER: 2, OWNER: 3 };
const NEEDED: Record<Permission, number> = { read: 1, write: 2, admin: 3 };

/** For each id of a kind, the organizations whose members may act on it. Missing ids are unknown. */
export type OwnershipResolver = (ids: string[]) => Promise<Map<string, string[]>>;

/** The organizations an actor may act in, with the role it acts with. */
export type EffectiveRoles = ReadonlyMap<string, MembershipRole>;

/**
 * The one place that decides what an actor may do with a set of ids of one kind. Domains register
 * how to find the owners of their kind (one line each) and call `require()` with whole sets.
 * Another tenant's object answers NOT_FOUND (its existence is not revealed); a visible object
 * without the needed role answers FORBIDDEN.
 *
 * A kind may also register readers: organizations that may see an object they do not own (a
 * creator sees the campaign it has an offer on), checked only where an operation asks for them
 * with `requireReadable()`. Everywhere else (`require()`, any permission) a reader is an outsider,
 * so reports and lists that are the owners' alone stay theirs.
 */
/**
 * SQL that is true when the user (`userParam`, a uuid parameter) reaches the brand in
 * `brandColumn` through an agency the brand granted: the rule `rolesOf` applies, for queries that
 * decide read access on the row itself (e.g. the campaign report, in one statement).
 */
export function agencyReachesBrandSql(brandColumn: string, userParam: string): string {
  return `EXISTS (SELECT 1 FROM agency_grants g JOIN memberships m ON m.organization_id = g.agency_id
                   WHERE g.brand_id = ${brandColumn} AND m.user_id = ${userParam})`;
}

@Injectable()
export class AccessPolicy {
  private readonly resolvers = new Map<string, OwnershipResolver>();
  private readonly readers = new Map<string, OwnershipResolver>();
  private readonly cache = new WeakMap<Actor, Promise<EffectiveRoles>>();

  constructor(private readonly uow: UnitOfWork) {
    this.register('organization', async (ids) => new Map(ids.map((id) => [id, [id]])));
  }

  register(kind: string, resolver: OwnershipResolver, readers?: OwnershipResolver): void {
    this.resolvers.set(kind, resolver);
    if (readers) this.readers.set(kind, readers);
    else this.readers.delete(kind);
  }

  /**
   * Roles of the actor: direct memberships, plus the brands that granted one of its agencies
   * (acting with its agency role, at most MANAGER: agencies never administer a brand).
   * An API key acts as a MANAGER of its own organization only. Computed once per request.
   */
  rolesOf(actor: Actor): Promise<EffectiveRoles> {
    let roles = this.cache.get(actor);
    if (!roles) {
      roles = this.loadRoles(actor);
      this.cache.set(actor, roles);
    }
    return roles;
  }

  private async loadRoles(actor: Actor): Promise<EffectiveRoles> {
    if (actor.kind === 'apiKey') return new Map([[actor.organizationId, MembershipRole.MANAGER]]);
    const roles = new Map(actor.memberships);
    const rows = await this.uow.query<{ brand_id: string; role: MembershipRole }[]>(
      `SELECT g.brand_id, m.role FROM agency_grants g JOIN memberships m ON m.organization_id = g.agency_id WHERE m.user_id = $1`,
      [actor.userId],
    );
    for (const row of rows) {
      const viaAgency = row.role === MembershipRole.OWNER ? MembershipRole.MANAGER : row.role;
      const current = roles.get(row.brand_id);
      if (!current || RANK[viaAgency] > RANK[current]) roles.set(row.brand_id, viaAgency);
    }
    return roles;
  }

  /** The role the actor acts with in an organization, or null. */
  async roleIn(actor: Actor, organizationId: string): Promise<MembershipRole | null> {
    return (await this.rolesOf(actor)).get(organizationId) ?? null;
  }

  async organizationIds(actor: Actor, permission: Permission = 'read'): Promise<string[]> {
    const roles = await this.rolesOf(actor);
    return [...roles].filter(([, role]) => RANK[role] >= NEEDED[permission]).map(([id]) => id);
  }

  /** Throws unless the actor may act on every id with the permission. */
  require(actor: Actor, kind: string, ids: string[], permission: Permission): Promise<void> {
    return this.check(actor, kind, ids, permission, false);
  }

  /** Throws unless the actor may read every id as an owner (any role) or as a registered reader. */
  requireReadable(actor: Actor, kind: string, ids: string[]): Promise<void> {
    return this.check(actor, kind, ids, 'read', true);
  }

  private async check(
    actor: Actor,
    kind: string,
    ids: string[],
    permission: Permission,
    withReaders: boolean,
  ): Promise<void> {
    const resolver = this.resolvers.get(kind);
    if (!resolver) throw new Error(`No ownership resolver registered for ${kind}`);
    const unique = [...new Set(ids)];
    for (const id of unique) requireUuid(id, kindLabel(kind));
    const owners = await resolver(unique);
    const roles = await this.rolesOf(actor);
    const rankIn = (orgs: string[] | undefined) =>
      Math.max(0, ...(orgs ?? []).map((org) => RANK[roles.get(org) as MembershipRole] ?? 0));
    const readersOf = withReaders ? this.readers.get(kind) : undefined;
    const notOwned = unique.filter((id) => owners.has(id) && rankIn(owners.get(id)) === 0);
    const readable = readersOf && notOwned.length ? await readersOf(notOwned) : new Map<string, string[]>();
    for (const id of unique) {
      const orgs = owners.get(id);
      if (orgs && rankIn(orgs) === 0 && rankIn(readable.get(id)) > 0) continue;
      const best = rankIn(orgs);
      if (!orgs || best === 0) throw new NotFoundError(kindLabel(kind), id);
      if (best < NEEDED[permission])
        throw new ForbiddenError(`Your role does not allow this on ${kindLabel(kind)} ${id}`);
    }
  }

  /** Direct membership with at least the role (organization administration never goes through agencies). */
  requireMember(actor: Actor, organizationId: string, permission: Permission): void {
    if (actor.kind !== 'user') throw new ForbiddenError('API keys cannot do this');
    const role = actor.memberships.get(organizationId);
    if (!role) throw new NotFoundError('Organization', organizationId);
    if (RANK[role] < NEEDED[permission])
      throw new ForbiddenError(`This needs the ${neededRole(permission)} role`);
  }

  /** A person, not a machine. */
  requireUser(actor: Actor | null): asserts actor is Extract<Actor, { kind: 'user' }> {
    if (!actor) throw new UnauthenticatedError();
    if (actor.kind !== 'user') throw new ForbiddenError('API keys cannot do this');
  }

  /** For machine paths: an API key must carry the scope; people pass (their roles are checked per object). */
  requireScope(actor: Actor, scope: ApiScope): void {
    if (actor.kind === 'apiKey' && !actor.scopes.has(scope))
      throw new ForbiddenError(`This API key lacks the ${scope} scope`);
  }
}

function kindLabel(kind: string): string {
  return (
    kind.charAt(0).toUpperCase() +
    kind
      .slice(1)
      .replace(/([A-Z])/g, ' $1')
      .toLowerCase()
  );
}

function neededRole(permission: Permission): MembershipRole {
  return permission === 'admin'
    ? MembershipRole.OWNER
    : permission === 'write'
      ? MembershipRole.MANAGER
      : MembershipRole.VIEWER;
}
