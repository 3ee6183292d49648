import { Dec, OfferStatus, Party } from '@bouquet/shared';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Actor, UserActor } from '../platform/auth/actor';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { BadUserInputError, ConflictError, ForbiddenError, NotFoundError } from '../platform/errors';
import { PubSubService } from '../platform/pubsub/pubsub.service';
import { JobsService } from '../platform/queue/jobs.service';
import { isUuid } from '../platform/validation/ids';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { AuditService } from '../identity/audit/audit.service';
import { LedgerService } from '../ledger/ledger.service';
import { NotificationsService } from '../notifications/notifications.service';
import { MAX_TEXT, OfferTermsInput, SendOfferInput } from './dto/offer.inputs';
import { effectiveStatus, OfferContext, OfferContexts } from './offer-context';
import { checkTerms, otherParty, revisionFromTerms } from './offer-terms';
import { OfferMessageEntity, OfferRevisionEntity } from './offer.entities';
import { ExpireOfferJob } from './offer.jobs';

export const offerTopic = (offerId: string) => `offer:${offerId}`;

const OPEN_CAMPAIGN = new Set(['DRAFT', 'ACTIVE']);

/** Sending, countering, accepting, declining and withdrawing offers (invariant 4). */
@Injectable()
export class OffersService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly contexts: OfferContexts,
    private readonly access: AccessPolicy,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly pubsub: PubSubService,
    private readonly jobs: JobsService,
  ) {}

  async send(actor: Actor, input: SendOfferInput): Promise<OfferContext> {
    this.access.requireUser(actor);
    await this.access.require(actor, 'campaign', [input.campaignId], 'write');
    if (!isUuid(input.creatorId)) throw new NotFoundError('Creator', input.creatorId);
    if (input.expiresAt && input.expiresAt <= new Date())
      throw BadUserInputError.field('input.expiresAt', 'must be in the future');
    const id = randomUUID();
    await this.uow.run(async () => {
      const [campaign] = await this.uow.query<{ currency: string; status: string }[]>(
        `SELECT currency, status FROM campaigns WHERE id = $1`,
        [input.campaignId],
      );
      if (!OPEN_CAMPAIGN.has(campaign.status))
        throw new ConflictError(
          `Offers can only be sent for DRAFT or ACTIVE campaigns (this one is ${campaign.status})`,
        );
      checkTerms(input.terms, campaign.currency, 'input.terms');
      const [creator] = await this.uow.query<unknown[]>(`SELECT 1 FROM creators WHERE id = $1`, [
        input.creatorId,
      ]);
      if (!creator) throw new NotFoundError('Creator', input.creatorId);
      const inserted = await this.uow.query<unknown[]>(
        `INSERT INTO offers (id, campaign_id, creator_id, status, awaiting, expires_at)
         VALUES ($1, $2, $3, 'PENDING', 'CREATOR', $4) ON CONFLICT DO NOTHING RETURNING id`,
        [id, input.campaignId, input.creatorId, input.expiresAt ?? null],
      );
      if (!inserted.length)
        throw new ConflictError('This creator already has an open offer in this campaign');
      await this.uow
        .repo(OfferRevisionEntity)
        .insert(revisionFromTerms(id, 1, input.terms, Party.BRAND, input.message));
      if (input.message) await this.insertMessage(id, actor, Party.BRAND, input.message);
      await this.changed(actor, await this.contexts.load(id), 'offer.sent', Party.BRAND, 'sent you an offer');
    });
    if (input.expiresAt) {
      // Committed PENDING with its expiry: were Redis down, the offers restorer re-creates the job.
      await this.jobs.enqueueRecoverable(
        ExpireOfferJob,
        { offerId: id },
        { jobId: `expire-${id}`, delay: input.expiresAt.getTime() - Date.now() },
      );
    }
    return this.contexts.load(id);
  }

  async counter(
    actor: Actor,
    offerId: string,
    expectedVersion: number,
    terms: OfferTermsInput,
    message?: string | null,
  ) {
    if (message && message.length > MAX_TEXT)
      throw BadUserInputError.field('message', `must be at most ${MAX_TEXT} characters`);
    return this.act(actor, offerId, expectedVersion, async (offer, party) => {
      checkTerms(terms, offer.currency);
      await this.bump(offer, expectedVersion, `awaiting = $3, revision_count = revision_count + 1`, [
        otherParty(party),
      ]);
      await this.uow
        .repo(OfferRevisionEntity)
        .insert(revisionFromTerms(offer.id, offer.revisionCount + 1, terms, party, message));
      return { action: 'offer.countered', text: 'countered your offer' };
    });
  }

  /** ACCEPTED on the latest terms; the fee is committed against the budget in the same transaction. */
  async accept(actor: Actor, offerId: string, expectedVersion: number) {
    return this.act(actor, offerId, expectedVersion, async (offer) => {
      await this.bump(
        offer,
        expectedVersion,
        `status = 'ACCEPTED', awaiting = NULL, accepted_at = now()`,
        [],
      );
      const terms = await this.uow
        .repo(OfferRevisionEntity)
        .findOneByOrFail({ offerId: offer.id, number: offer.revisionCount });
      if (new Dec(terms.feeAmount).gt(0)) {
        await this.ledger.commit(offer.campaignId, terms.feeAmount, { type: 'offer', id: offer.id });
      }
      return { action: 'offer.accepted', text: 'accepted the offer' };
    });
  }

  async decline(actor: Actor, offerId: string, reason?: string | null) {
    if (reason && reason.length > MAX_TEXT)
      throw BadUserInputError.field('reason', `must be at most ${MAX_TEXT} characters`);
    return this.act(actor, offerId, null, async (offer, party) => {
      await this.bump(offer, offer.version, `status = 'DECLINED', awaiting = NULL`, []);
      if (reason) await this.insertMessage(offer.id, actor as UserActor, party, reason);
      return { action: 'offer.declined', text: 'declined the offer' };
    });
  }

  async withdraw(actor: Actor, offerId: string) {
    return this.act(
      actor,
      offerId,
      null,
      async (offer, party) => {
        if (party !== Party.BRAND) throw new ForbiddenError('Only the brand side can withdraw an offer');
        await this.bump(offer, offer.version, `status = 'WITHDRAWN', awaiting = NULL`, []);
        return { action: 'offer.withdrawn', text: 'withdrew the offer' };
      },
      { anyTurn: true },
    );
  }

  async postMessage(actor: Actor, offerId: string, body: string): Promise<OfferMessageEntity> {
    const text = body.trim();
    if (!text || text.length > MAX_TEXT)
      throw BadUserInputError.field('body', `must be 1 to ${MAX_TEXT} characters`);
    return this.uow.run(async () => {
      const offer = await this.contexts.load(offerId);
      const party = await this.contexts.partyOf(actor, offer);
      const message = await this.insertMessage(offer.id, actor as UserActor, party, text);
      await this.notifications.notifyOrganizations(
        [party === Party.BRAND ? offer.creatorOrganizationId : offer.brandId],
        {
          kind: 'offer.message',
          message: `New message on the offer for ${offer.campaignName}`,
          subjectId: offer.id,
        },
        (actor as UserActor).userId,
      );
      this.uow.afterCommit(() => this.pubsub.publish(offerTopic(offer.id), { offerId: offer.id }));
      return message;
    });
  }

  /** The job's work: expire a PENDING offer whose time has passed (no-op otherwise). */
  async expire(offerId: string): Promise<boolean> {
    return this.uow.run(async () => {
      const [, count] = await this.uow.query<[unknown, number]>(
        `UPDATE offers SET status = 'EXPIRED', awaiting = NULL, version = version + 1
          WHERE id = $1 AND status = 'PENDING' AND expires_at <= now()`,
        [offerId],
      );
      if (count !== 1) return false;
      const offer = await this.contexts.load(offerId);
      await this.notifications.notifyOrganizations([offer.brandId, offer.creatorOrganizationId], {
        kind: 'offer.expired',
        message: `The offer for ${offer.campaignName} to @${offer.creatorHandle} expired`,
        subjectId: offer.id,
      });
      this.uow.afterCommit(() => this.pubsub.publish(offerTopic(offer.id), { offerId: offer.id }));
      return true;
    });
  }

  /** Pending offers with an expiry, for re-creating their jobs when a worker starts. */
  async pendingExpiries(): Promise<{ id: string; expiresAt: Date }[]> {
    return this.uow.query(
      `SELECT id, expires_at AS "expiresAt" FROM offers WHERE status = 'PENDING' AND expires_at IS NOT NULL`,
    );
  }

  private async act(
    actor: Actor,
    offerId: string,
    expectedVersion: number | null,
    work: (offer: OfferContext, party: Party) => Promise<{ action: string; text: string }>,
    opts: { anyTurn?: boolean } = {},
  ): Promise<OfferContext> {
    this.access.requireUser(actor);
    await this.uow.run(async () => {
      const offer = await this.contexts.load(offerId, true);
      const party = await this.contexts.partyOf(actor, offer);
      const status = effectiveStatus(offer);
      if (status !== OfferStatus.PENDING)
        throw new ConflictError(`The offer is ${status}; nothing can change it now`);
      if (expectedVersion !== null && expectedVersion !== offer.version)
        throw new ConflictError(`The offer changed (version ${offer.version}); reload it and try again`, {
          version: offer.version,
        });
      if (!opts.anyTurn && offer.awaiting !== party)
        throw new ForbiddenError(`It is the ${offer.awaiting?.toLowerCase()}'s move on this offer`);
      const { action, text } = await work(offer, party);
      await this.changed(actor, await this.contexts.load(offer.id), action, party, text);
    });
    return this.contexts.load(offerId);
  }

  /** The versioned write: refuses a stale version even if two requests passed the checks together. */
  private async bump(
    offer: OfferContext,
    expectedVersion: number,
    set: string,
    params: unknown[],
  ): Promise<void> {
    const [, count] = await this.uow.query<[unknown, number]>(
      `UPDATE offers SET ${set}, version = version + 1 WHERE id = $1 AND version = $2 AND status = 'PENDING'`,
      [offer.id, expectedVersion, ...params],
    );
    if (count !== 1) throw new ConflictError('The offer changed meanwhile; reload it and try again');
  }

  private async insertMessage(
    offerId: string,
    actor: Actor,
    party: Party,
    body: string,
  ): Promise<OfferMessageEntity> {
    const id = randomUUID();
    await this.uow
      .repo(OfferMessageEntity)
      .insert({ id, offerId, authorUserId: (actor as UserActor).userId, party, body });
    return this.uow.repo(OfferMessageEntity).findOneByOrFail({ id });
  }

  /** Audit, notify the other side, and publish the live update after commit. */
  private async changed(
    actor: Actor,
    offer: OfferContext,
    action: string,
    party: Party,
    text: string,
  ): Promise<void> {
    const userId = (actor as UserActor).userId;
    await this.audit.record({
      organizationId: party === Party.BRAND ? offer.brandId : offer.creatorOrganizationId,
      actorUserId: userId,
      action,
      subjectType: 'Offer',
      subjectId: offer.id,
      detail: `${offer.campaignName} / @${offer.creatorHandle}, version ${offer.version}`,
    });
    const who = party === Party.BRAND ? offer.campaignName : `@${offer.creatorHandle}`;
    await this.notifications.notifyOrganizations(
      [party === Party.BRAND ? offer.creatorOrganizationId : offer.brandId],
      { kind: action, message: `${who} ${text}`, subjectId: offer.id },
      userId,
    );
    this.uow.afterCommit(() => this.pubsub.publish(offerTopic(offer.id), { offerId: offer.id }));
  }
}
