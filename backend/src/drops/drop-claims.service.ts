import { ApiScope, MembershipRole } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor';
import { isTransient } from '../platform/database/pg-errors';
import { UnitOfWork } from '../platform/database/unit-of-work';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  GoneError,
  NotFoundError,
} from '../platform/errors';
import { requireUuid } from '../platform/validation/ids';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { CouponIssuer } from '../coupons/pools/coupon-issuer.service';
import { DropEvents } from './drop-events';
import { DropSettlement } from './drop-settlement.service';
import { DropClaimEntity } from './drop.entity';
import { CLAIM_COLUMNS } from './drop-claim-columns';
import { DropClaimBatches } from './drop-claim-batches';
import { DropOwners } from './drop-owners';

interface ClaimTarget {
  status: string;
  perViewerLimit: number;
  couponPoolId: string | null;
  streamId: string;
  creatorOrganizationId: string;
  closesAt: Date | null;
}

/** The claim row in the first free slot and, in the same statement, a rose of a shard nobody holds. */
const INSERT_AND_TAKE = `WITH claim AS (
    INSERT INTO drop_claims (drop_id, viewer_id, n, idempotency_key) VALUES ($1, $2, $3, $4)
    ON CONFLICT DO NOTHING RETURNING ${CLAIM_COLUMNS}),
  took AS (
    UPDATE drop_shards SET remaining = remaining - 1
     WHERE drop_id = $1 AND remaining > 0
       AND shard = (SELECT s.shard FROM drop_shards s, claim WHERE s.drop_id = $1 AND s.remaining > 0
                     ORDER BY random() LIMIT 1 FOR UPDATE OF s SKIP LOCKED)
    RETURNING remaining)
  SELECT claim.*, (SELECT remaining FROM took) AS remaining FROM claim`;

/** The claim row alone (its rose was taken before). */
const INSERT_ONLY = `INSERT INTO drop_claims (drop_id, viewer_id, n, idempotency_key) VALUES ($1, $2, $3, $4)
  ON CONFLICT DO NOTHING RETURNING ${CLAIM_COLUMNS}, NULL::int AS remaining`;

/** Every shard with roses was held by others: retry, taking the rose first (see claimAlone). */
class NoFreeShard extends Error {}

const CLAIM_ATTEMPTS = 3;

const WRITE = new Set<MembershipRole>([MembershipRole.OWNER, MembershipRole.MANAGER]);

/**
 * Viewers claiming roses (invariant 2). A claim is a row unique per (drop, viewer, n <= limit), and
 * takes one rose from a shard of the pool with a conditional UPDATE; both in one transaction that
 * holds a share lock on the drop, so settlement waits for claims in flight. The claim row and the
 * rose are one statement that takes a random shard nobody else holds (SKIP LOCKED), so concurrent
 * claims spread over the shards instead of queueing behind one another's commits.
 *
 * Claims outside a caller's transaction first go through DropClaimBatches (group commit of a
 * drop's concurrent first claims); whatever a batch leaves undecided comes back here, one claim
 * at a time.
 */
@Injectable()
export class DropClaims {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly settlement: DropSettlement,
    private readonly events: DropEvents,
    private readonly coupons: CouponIssuer,
    private readonly batches: DropClaimBatches,
    private readonly owners: DropOwners,
  ) {}

  async claim(
    actor: Actor,
    dropId: string,
    viewerId: string,
    idempotencyKey?: string | null,
  ): Promise<DropClaimEntity> {
    requireUuid(dropId, 'Drop');
    if (typeof viewerId !== 'string' || !viewerId.trim() || viewerId.length > 128)
      throw BadUserInputError.field('viewerId', 'viewerId must be 1 to 128 characters');
    if (idempotencyKey && idempotencyKey.length > 255)
      throw BadUserInputError.field('idempotencyKey', 'must be at most 255 characters');
    if (!this.uow.inTransaction) {
      await this.authorize(actor, await this.owners.creatorOrganizationOf(dropId), dropId);
      const claim = await this.batches.submit(dropId, viewerId, idempotencyKey ?? null);
      if (claim) return claim;
    }
    let roseFirst = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.claimAlone(actor, dropId, viewerId, idempotencyKey, roseFirst);
      } catch (error) {
        // Every shard with roses was held: wait for one, but without holding a claim row that a
        // batch of another replica (same viewer) may be waiting for.
        if (error instanceof NoFreeShard) roseFirst = true;
        // Should a deadlock happen all the same, Postgres aborts one side; when it is this claim,
        // nothing of it was written, so it simply runs again.
        else if (!(attempt < CLAIM_ATTEMPTS && isTransient(error))) throw error;
      }
    }
  }

  /**
   * One claim in its own transaction: decides every case (replays, limits, closed or empty drops).
   * First the claim row and a free shard's rose in one statement; when no shard is free it gives
   * up (NoFreeShard) and the next try takes a rose first, waiting for a shard while it holds no
   * claim row, then inserts the row (a conflict rolls the rose back).
   */
  private async claimAlone(
    actor: Actor,
    dropId: string,
    viewerId: string,
    idempotencyKey: string | null | undefined,
    roseFirst: boolean,
  ): Promise<DropClaimEntity> {
    let tookLast = false;
    const attempt = this.uow.run(async () => {
      const [target] = await this.uow.query<ClaimTarget[]>(
        `SELECT d.status, d.per_viewer_limit AS "perViewerLimit", d.coupon_pool_id AS "couponPoolId", d.stream_id AS "streamId",
                d.closes_at AS "closesAt", cr.organization_id AS "creatorOrganizationId"
           FROM drops d JOIN creators cr ON cr.id = d.creator_id WHERE d.id = $1 FOR SHARE OF d`,
        [dropId],
      );
      if (!target) throw new NotFoundError('Drop', dropId);
      await this.authorize(actor, target.creatorOrganizationId, dropId);
      if (idempotencyKey) {
        const existing = await this.byKey(dropId, idempotencyKey);
        if (existing) return existing;
      }
      if (target.status !== 'OPEN' || (target.closesAt && target.closesAt <= new Date()))
        throw new GoneError(
          `The drop is not open (${target.status === 'OPEN' ? 'its window has ended' : target.status})`,
        );
      const early = roseFirst ? await this.takeRose(dropId) : undefined;
      if (early === null) {
        tookLast = true;
        throw new GoneError('The drop is exhausted');
      }
      const inserted = await this.insertClaim(
        dropId,
        viewerId,
        target.perViewerLimit,
        idempotencyKey ?? null,
        !roseFirst,
      );
      if (!inserted) {
        const replay = idempotencyKey ? await this.byKey(dropId, idempotencyKey) : null;
        if (replay) return replay;
        throw new ConflictError(
          `Viewer ${viewerId} already claimed ${target.perViewerLimit} time(s) in this drop`,
        );
      }
      const { claim } = inserted;
      const remaining = early ?? inserted.remaining;
      if (remaining === null) throw new NoFreeShard();
      // This claim emptied its shard; whether the whole pool is empty is decided after commit,
      // when every other claim's take is visible (see completeIfEmpty).
      tookLast = remaining === 0;
      if (target.couponPoolId) {
        const issued = await this.coupons.issueOne(target.couponPoolId, {
          dropId,
          streamId: target.streamId,
        });
        if (issued) {
          await this.uow.query(`UPDATE drop_claims SET coupon_code = $2 WHERE id = $1`, [
            claim.id,
            issued.code,
          ]);
          claim.couponCode = issued.code;
        }
      }
      return claim;
    });
    try {
      const claim = await attempt;
      this.events.changed(dropId);
      return claim;
    } finally {
      if (tookLast) await this.settlement.completeIfEmpty(dropId);
    }
  }

  /** The stream's creator organization: its members, or its API keys with DROPS_CLAIM. */
  private async authorize(actor: Actor, creatorOrganizationId: string, dropId: string): Promise<void> {
    if (actor.kind === 'apiKey') {
      if (actor.organizationId !== creatorOrganizationId) throw new NotFoundError('Drop', dropId);
      this.access.requireScope(actor, ApiScope.DROPS_CLAIM);
      return;
    }
    const role = await this.access.roleIn(actor, creatorOrganizationId);
    if (!role) throw new NotFoundError('Drop', dropId);
    if (!WRITE.has(role)) throw new ForbiddenError('Your role cannot claim drops');
  }

  /**
   * Inserts the claim in the first free slot n in 1..limit for the viewer (null when all are
   * taken) and, with `takeShard`, in the same statement takes one rose from a random shard that
   * no other claim holds. `remaining` is what that shard has left, or null when every shard with
   * roses was locked (or none has any).
   */
  private async insertClaim(
    dropId: string,
    viewerId: string,
    limit: number,
    key: string | null,
    takeShard: boolean,
  ): Promise<{ claim: DropClaimEntity; remaining: number | null } | null> {
    for (let n = 1; n <= limit; n++) {
      const [row] = await this.uow.query<(DropClaimEntity & { remaining: number | null })[]>(
        takeShard ? INSERT_AND_TAKE : INSERT_ONLY,
        [dropId, viewerId, n, key],
      );
      if (row) {
        const { remaining, ...claim } = row;
        return { claim, remaining };
      }
      if (key && (await this.byKey(dropId, key))) return null;
    }
    return null;
  }

  /** Takes one rose from a random shard, else from any shard with roses left; returns what the shard has left, or null when none. */
  private async takeRose(dropId: string): Promise<number | null> {
    const shards = await this.uow.query<{ shard: number }[]>(
      `SELECT shard FROM drop_shards WHERE drop_id = $1 AND remaining > 0 ORDER BY random()`,
      [dropId],
    );
    for (const { shard } of shards) {
      const [rows] = await this.uow.query<[{ remaining: number }[], number]>(
        `UPDATE drop_shards SET remaining = remaining - 1 WHERE drop_id = $1 AND shard = $2 AND remaining > 0 RETURNING remaining`,
        [dropId, shard],
      );
      if (rows.length) return rows[0].remaining;
    }
    return null;
  }

  private async byKey(dropId: string, key: string): Promise<DropClaimEntity | null> {
    const [row] = await this.uow.query<DropClaimEntity[]>(
      `SELECT ${CLAIM_COLUMNS} FROM drop_claims WHERE drop_id = $1 AND idempotency_key = $2`,
      [dropId, key],
    );
    return row ?? null;
  }
}
