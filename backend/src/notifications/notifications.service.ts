import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../platform/database/unit-of-work';
import { BadUserInputError } from '../platform/errors';
import { decodeCursor, Page, pageSize, toPage } from '../platform/graphql/pagination';
import { PubSubService } from '../platform/pubsub/pubsub.service';
import { isUuid } from '../platform/validation/ids';
import { NotificationEntity } from './notification.entity';

export const notificationTopic = (userId: string) => `notification:${userId}`;

export interface NotifyInput {
  kind: string;
  message: string;
  subjectId?: string | null;
}

/** In-app notifications: stored per user in the caller's transaction, pushed live after commit. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly pubsub: PubSubService,
  ) {}

  /** Notifies every member of the organizations, except the user who caused it. */
  async notifyOrganizations(
    organizationIds: string[],
    input: NotifyInput,
    exceptUserId?: string,
  ): Promise<void> {
    const rows = await this.uow.query<NotificationEntity[]>(
      `INSERT INTO notifications (user_id, kind, message, subject_id)
       SELECT DISTINCT m.user_id, $2, $3, $4 FROM memberships m
        WHERE m.organization_id = ANY($1) AND ($5::uuid IS NULL OR m.user_id <> $5)
       RETURNING id, user_id AS "userId", kind, message, subject_id AS "subjectId", read_at AS "readAt", created_at AS "createdAt"`,
      [
        organizationIds,
        input.kind,
        input.message.slice(0, 1000),
        input.subjectId ?? null,
        exceptUserId ?? null,
      ],
    );
    this.uow.afterCommit(() =>
      Promise.all(
        rows.map((row) => this.pubsub.publish(notificationTopic(row.userId), { notificationAdded: row })),
      ),
    );
  }

  async list(
    userId: string,
    unreadOnly: boolean,
    first?: number | null,
    after?: string | null,
  ): Promise<Page<NotificationEntity>> {
    const limit = pageSize(first, 50);
    const cursor = decodeCursor(after, 1);
    const qb = this.uow
      .repo(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.user_id = :userId', { userId });
    if (unreadOnly) qb.andWhere('n.read_at IS NULL');
    const total = await qb.clone().getCount();
    if (cursor) qb.andWhere('n.seq < :seq', { seq: cursor[0] });
    const rows = await qb
      .orderBy('n.seq', 'DESC')
      .take(limit + 1)
      .getMany();
    return toPage(rows, limit, total, (row) => [row.seq]);
  }

  /** Marks the user's own notifications read; returns how many changed. */
  async markRead(userId: string, ids: string[]): Promise<number> {
    if (ids.length > 500) throw BadUserInputError.field('ids', 'at most 500 ids at once');
    const valid = ids.filter(isUuid);
    if (!valid.length) return 0;
    const [, count] = await this.uow.query<[unknown, number]>(
      `UPDATE notifications SET read_at = now() WHERE user_id = $1 AND id = ANY($2) AND read_at IS NULL`,
      [userId, valid],
    );
    return count;
  }
}
