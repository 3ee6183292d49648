import { DropStatus } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { ConflictError } from '../platform/errors';
import { JobsService } from '../platform/queue/jobs.service';
import { requireUuid } from '../platform/validation/ids';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { DropSettlement } from './drop-settlement.service';
import { DropEntity } from './drop.entity';
import { CloseDropJob, OpenDropJob } from './drop.jobs';

/**
 * The condition of a stream's GIFT_MILESTONE drops due at `roses` gifted roses, over `drops d`:
 * `onGiftedRoses` opens them, and ingest's batch statement uses it as a filter to call that
 * method only for streams that have one (one rule, two places that read it).
 */
export function dueMilestoneDrops(streamId: string, roses: string): string {
  return `d.stream_id = ${streamId} AND d.trigger = 'GIFT_MILESTONE' AND d.status = 'SCHEDULED' AND d.milestone_roses <= ${roses}`;
}

/** What opens and closes drops: their time, a person, the stream's gifts and its lifecycle. */
@Injectable()
export class DropTriggers {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly settlement: DropSettlement,
    private readonly jobs: JobsService,
  ) {}

  /** openDrop: a MANUAL drop, by the brand side or the creator, while the stream is LIVE. */
  async openManually(actor: Actor, dropId: string): Promise<DropEntity> {
    requireUuid(dropId, 'Drop');
    this.access.requireUser(actor);
    await this.access.require(actor, 'drop', [dropId], 'write');
    const drop = await this.uow.repo(DropEntity).findOneByOrFail({ id: dropId });
    if (drop.trigger !== 'MANUAL')
      throw new ConflictError(`A ${drop.trigger} drop opens by itself, not by openDrop`);
    if (drop.status !== DropStatus.SCHEDULED) throw new ConflictError(`The drop is already ${drop.status}`);
    if (!(await this.settlement.open(dropId)))
      throw new ConflictError('A drop can only open while its stream is LIVE');
    return this.uow.repo(DropEntity).findOneByOrFail({ id: dropId });
  }

  /**
   * The open job of a SCHEDULED drop: opens it if the stream is LIVE; while the stream has not
   * started and the window is not over, checks again shortly; otherwise it EXPIRES (all released).
   */
  async onScheduledTime(dropId: string): Promise<void> {
    const drop = await this.uow.repo(DropEntity).findOneBy({ id: dropId });
    if (!drop || drop.status !== DropStatus.SCHEDULED || !drop.scheduledAt) return;
    if (await this.settlement.open(dropId)) return;
    const [stream] = await this.uow.query<{ status: string }[]>(`SELECT status FROM streams WHERE id = $1`, [
      drop.streamId,
    ]);
    const windowEnd = drop.scheduledAt.getTime() + drop.claimWindowSeconds * 1000;
    if (stream?.status === 'SCHEDULED' && Date.now() < windowEnd) {
      await this.jobs.enqueue(
        OpenDropJob,
        { dropId },
        { jobId: `open-${dropId}-${Date.now()}`, delay: Math.min(2000, windowEnd - Date.now()) },
      );
      return;
    }
    await this.settlement.abandon(dropId, DropStatus.EXPIRED);
  }

  /** The close job: the window is over. */
  async onWindowEnd(dropId: string): Promise<void> {
    const drop = await this.uow.repo(DropEntity).findOneBy({ id: dropId });
    if (!drop || drop.status !== DropStatus.OPEN) return;
    if (drop.closesAt && drop.closesAt.getTime() > Date.now() + 50) {
      await this.jobs.enqueue(
        CloseDropJob,
        { dropId },
        { jobId: `close-${dropId}-${Date.now()}`, delay: drop.closesAt.getTime() - Date.now() },
      );
      return;
    }
    await this.settlement.close(dropId, DropStatus.COMPLETED);
  }

  /** Called by ingest with the stream's gifted roses: opens GIFT_MILESTONE drops that reached theirs. */
  async onGiftedRoses(streamId: string, giftedRoses: number): Promise<string[]> {
    const due = await this.uow.query<{ id: string }[]>(
      `SELECT id FROM drops d WHERE ${dueMilestoneDrops('$1', '$2')}`,
      [streamId, giftedRoses],
    );
    const opened: string[] = [];
    for (const { id } of due) if (await this.settlement.open(id)) opened.push(id);
    return opened;
  }

  /** Stream lifecycle: LIVE opens SCHEDULED drops whose time has come; ENDED/CANCELLED closes or expires the rest. */
  async onStreamStatus(streamId: string, status: string): Promise<void> {
    const drops = await this.uow.query<
      { id: string; status: string; trigger: string; scheduledAt: Date | null }[]
    >(
      `SELECT id, status, trigger, scheduled_at AS "scheduledAt" FROM drops WHERE stream_id = $1 AND status IN ('SCHEDULED','OPEN')`,
      [streamId],
    );
    for (const drop of drops) {
      if (
        status === 'LIVE' &&
        drop.trigger === 'SCHEDULED' &&
        drop.scheduledAt &&
        drop.scheduledAt <= new Date()
      ) {
        await this.onScheduledTime(drop.id);
      } else if (status === 'ENDED' || status === 'CANCELLED') {
        if (drop.status === 'OPEN') await this.settlement.close(drop.id, DropStatus.COMPLETED);
        else await this.settlement.abandon(drop.id, DropStatus.EXPIRED);
      }
    }
  }

  /**
   * The campaign ends (COMPLETED or CANCELLED, inside its transition's transaction): open drops close
   * and settle what was claimed (COMPLETED when the campaign completes, CANCELLED when it is
   * cancelled), scheduled ones are cancelled with their whole reservation released.
   */
  async onCampaignClosing(campaignId: string, status: 'COMPLETED' | 'CANCELLED'): Promise<void> {
    const drops = await this.uow.query<{ id: string; status: string }[]>(
      `SELECT id, status FROM drops WHERE campaign_id = $1 AND status IN ('SCHEDULED','OPEN') ORDER BY id`,
      [campaignId],
    );
    for (const drop of drops) {
      if (drop.status === 'OPEN')
        await this.settlement.close(
          drop.id,
          status === 'COMPLETED' ? DropStatus.COMPLETED : DropStatus.CANCELLED,
        );
      else await this.settlement.abandon(drop.id, DropStatus.CANCELLED);
    }
  }

  /** The database is the truth: the jobs every waiting drop should have. */
  async pendingJobs(): Promise<{ open: { id: string; at: Date }[]; close: { id: string; at: Date }[] }> {
    const open = await this.uow.query<{ id: string; at: Date }[]>(
      `SELECT id, scheduled_at AS at FROM drops WHERE status = 'SCHEDULED' AND trigger = 'SCHEDULED' AND scheduled_at IS NOT NULL`,
    );
    const close = await this.uow.query<{ id: string; at: Date }[]>(
      `SELECT id, closes_at AS at FROM drops WHERE status = 'OPEN'`,
    );
    return { open, close };
  }
}
