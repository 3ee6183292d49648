import { Injectable, Logger } from '@nestjs/common';
import { GroupCommit } from '../platform/database/group-commit';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { MetricsService } from '../platform/metrics/metrics.service';
import { CouponIssuer } from '../coupons/pools/coupon-issuer.service';
import { DropEvents } from './drop-events';
import { DropSettlement } from './drop-settlement.service';
import { DropClaimEntity } from './drop.entity';
import { CLAIM_COLUMNS } from './drop-claim-columns';

/** The most claims one batch transaction takes. */
export const MAX_CLAIM_BATCH = 128;

interface Pending {
  viewerId: string;
  key: string | null;
}

interface Locked {
  status: string;
  closesAt: Date | null;
  couponPoolId: string | null;
  streamId: string;
  shards: { shard: number; remaining: number }[];
}

/**
 * Group commit for the claims of one drop (invariant 2 stays with the database). While a batch of
 * a drop's claims is in its transaction, the claims arriving for that drop wait in this process
 * and go together in the next one: one transaction, a handful of statements and one commit for
 * up to MAX_CLAIM_BATCH claims, instead of each claim paying its own. A lone claim is never held
 * back by a timer: its batch starts at the end of the current turn of the event loop.
 *
 * A batch takes only the plain case: the first claim of a viewer in an OPEN drop. It locks the
 * drop's shards that no one else holds (`SKIP LOCKED`: it never waits on another batch or claim,
 * so batches of several processes share the shards and never deadlock), inserts the claim rows
 * (one per viewer, `ON CONFLICT DO NOTHING`, at most as many as those shards have roses) and
 * takes exactly that many roses from them. Claim rows go in in viewer order: two replicas'
 * batches holding the same viewers wait for one another in the same order, never in a cycle. Every claim the batch did not insert answers `null`, and
 * the caller runs it alone through the one-claim path, which decides it exactly: an idempotent
 * replay, the viewer's next claim (per-viewer limit), a conflict, a closed or exhausted drop.
 * Should the batch's transaction fail, every claim in it takes that path too.
 */
@Injectable()
export class DropClaimBatches {
  private readonly logger = new Logger(DropClaimBatches.name);
  private readonly groups = new Map<string, GroupCommit<Pending, DropClaimEntity>>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly settlement: DropSettlement,
    private readonly events: DropEvents,
    private readonly coupons: CouponIssuer,
    private readonly metrics: MetricsService,
  ) {}

  /** The inserted claim, or null when the claim must take the one-claim path. */
  submit(dropId: string, viewerId: string, key: string | null): Promise<DropClaimEntity | null> {
    let group = this.groups.get(dropId);
    if (!group) {
      const created = new GroupCommit<Pending, DropClaimEntity>({
        max: MAX_CLAIM_BATCH,
        run: async (batch) => {
          const claims = await this.run(dropId, batch);
          return batch.map((p) => claims.get(p) ?? null);
        },
        detach: (start) => this.uow.detached(start),
        onRun: (size, error) => {
          this.metrics.claimBatchSize.observe(size);
          if (error)
            this.logger.debug(`Claim batch of ${size} on drop ${dropId} fell back: ${String(error)}`);
        },
        onIdle: () => {
          if (this.groups.get(dropId) === created) this.groups.delete(dropId);
        },
      });
      group = created;
      this.groups.set(dropId, group);
    }
    return group.submit({ viewerId, key });
  }

  private async run(dropId: string, batch: Pending[]): Promise<Map<Pending, DropClaimEntity>> {
    let emptied = false; // the shards this batch held ran dry: the drop may be empty
    const claims = await this.uow.run(async () => {
      const [drop] = await this.uow.query<Locked[]>(
        `WITH d AS (SELECT status, closes_at, coupon_pool_id, stream_id FROM drops WHERE id = $1 FOR SHARE),
              s AS (SELECT shard, remaining FROM drop_shards WHERE drop_id = $1 AND remaining > 0
                     ORDER BY shard FOR UPDATE SKIP LOCKED)
         SELECT d.status, d.closes_at AS "closesAt", d.coupon_pool_id AS "couponPoolId", d.stream_id AS "streamId",
                COALESCE((SELECT json_agg(json_build_object('shard', shard, 'remaining', remaining) ORDER BY shard)
                            FROM s), '[]'::json) AS shards
           FROM d`,
        [dropId],
      );
      const left = drop ? drop.shards.reduce((sum, s) => sum + s.remaining, 0) : 0;
      if (
        !drop ||
        drop.status !== 'OPEN' ||
        (drop.closesAt && new Date(drop.closesAt) <= new Date()) ||
        !left
      )
        return new Map<Pending, DropClaimEntity>();

      const inserted = await this.uow.query<DropClaimEntity[]>(
        `INSERT INTO drop_claims (drop_id, viewer_id, n, idempotency_key)
         SELECT $1, r.viewer_id, 1, r.key
           FROM unnest($2::text[], $3::text[]) AS r(viewer_id, key)
          ORDER BY r.viewer_id COLLATE "C", r.key COLLATE "C" LIMIT $4
         ON CONFLICT DO NOTHING
         RETURNING ${CLAIM_COLUMNS}`,
        [dropId, batch.map((p) => p.viewerId), batch.map((p) => p.key), left],
      );
      if (!inserted.length) return new Map<Pending, DropClaimEntity>();
      await this.takeRoses(dropId, drop.shards, inserted.length);
      emptied = inserted.length === left;
      if (drop.couponPoolId) await this.attachCoupons(dropId, drop, inserted);
      return match(batch, inserted);
    });
    if (claims.size) this.events.changed(dropId);
    if (emptied) await this.settlement.completeIfEmpty(dropId).catch(() => undefined);
    return claims;
  }

  /** Takes `count` roses from the locked shards, filling them in shard order. */
  private async takeRoses(
    dropId: string,
    shards: { shard: number; remaining: number }[],
    count: number,
  ): Promise<void> {
    const ids: number[] = [];
    const takes: number[] = [];
    let rest = count;
    for (const { shard, remaining } of shards) {
      if (!rest) break;
      const take = Math.min(rest, remaining);
      ids.push(shard);
      takes.push(take);
      rest -= take;
    }
    await this.uow.query(
      `UPDATE drop_shards s SET remaining = s.remaining - t.take
         FROM unnest($2::int[], $3::int[]) AS t(shard, take)
        WHERE s.drop_id = $1 AND s.shard = t.shard`,
      [dropId, ids, takes],
    );
  }

  /** One code of the drop's pool per new claim, while the pool has codes (as one claim at a time would). */
  private async attachCoupons(dropId: string, drop: Locked, claims: DropClaimEntity[]): Promise<void> {
    const codes = await this.coupons.issueMany(drop.couponPoolId as string, claims.length, {
      dropId,
      streamId: drop.streamId,
    });
    if (!codes.length) return;
    const given = claims.slice(0, codes.length);
    await this.uow.query(
      `UPDATE drop_claims c SET coupon_code = t.code
         FROM unnest($1::uuid[], $2::text[]) AS t(id, code) WHERE c.id = t.id`,
      [given.map((c) => c.id), codes.map((c) => c.code)],
    );
    given.forEach((claim, i) => (claim.couponCode = codes[i].code));
  }
}

/** Pairs inserted rows with their requests: a viewer's row belongs to the request with its key. */
function match(batch: Pending[], inserted: DropClaimEntity[]): Map<Pending, DropClaimEntity> {
  const byViewer = new Map(inserted.map((c) => [c.viewerId, c]));
  const result = new Map<Pending, DropClaimEntity>();
  for (const p of batch) {
    const claim = byViewer.get(p.viewerId);
    if (!claim || (claim.idempotencyKey ?? null) !== p.key) continue;
    result.set(p, claim);
    byViewer.delete(p.viewerId);
  }
  return result;
}
