import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { Actor } from '../platform/auth/actor';
import { CurrentActor } from '../platform/auth/current-actor.decorator';
import { PubSubService } from '../platform/pubsub/pubsub.service';
import { AccessPolicy } from '../identity/access/access-policy.service';
import { NotificationConnection, NotificationType } from './notification.types';
import { notificationTopic, NotificationsService } from './notifications.service';

@Resolver(() => NotificationType)
export class NotificationsResolver {
  constructor(
    private readonly service: NotificationsService,
    private readonly access: AccessPolicy,
    private readonly pubsub: PubSubService,
  ) {}

  @Query(() => NotificationConnection)
  notifications(
    @CurrentActor() actor: Actor,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false }) unreadOnly: boolean,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ) {
    this.access.requireUser(actor);
    return this.service.list(actor.userId, unreadOnly ?? false, first, after);
  }

  @Mutation(() => Int)
  markNotificationsRead(@Args('ids', { type: () => [ID] }) ids: string[], @CurrentActor() actor: Actor) {
    this.access.requireUser(actor);
    return this.service.markRead(actor.userId, ids);
  }

  /** Payloads cross Redis as JSON, so dates arrive as strings and are turned back into dates. */
  @Subscription(() => NotificationType, {
    resolve: ({ notificationAdded: n }: { notificationAdded: NotificationType }) => ({
      ...n,
      createdAt: new Date(n.createdAt),
      readAt: n.readAt ? new Date(n.readAt) : null,
    }),
  })
  notificationAdded(@CurrentActor() actor: Actor) {
    this.access.requireUser(actor);
    return this.pubsub.asyncIterator(notificationTopic(actor.userId));
  }
}
