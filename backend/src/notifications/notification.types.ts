import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo } from '../platform/graphql/pagination';

@ObjectType('Notification')
export class NotificationType {
  @Field(() => ID) id!: string;
  @Field() kind!: string;
  @Field() message!: string;
  @Field(() => ID, { nullable: true }) subjectId!: string | null;
  @Field(() => Date, { nullable: true }) readAt!: Date | null;
  @Field() createdAt!: Date;
}

@ObjectType()
export class NotificationConnection {
  @Field(() => [NotificationType]) nodes!: NotificationType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
