import { StreamStatus } from '@bouquet/shared';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import '../../platform/graphql/enums';
import { PageInfo } from '../../platform/graphql/pagination';

@ObjectType('Stream')
export class StreamType {
  @Field(() => ID) id!: string;
  creatorId!: string;
  @Field() title!: string;
  @Field(() => String, {
    nullable: true,
    description: "The live platform's own id, used to match ingest events.",
  })
  externalId!: string | null;
  @Field(() => StreamStatus) status!: StreamStatus;
  @Field() scheduledStartAt!: Date;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) endedAt!: Date | null;
  @Field(() => Int, { description: 'Roses gifted by viewers during the stream (organic, not dropped).' })
  giftedRoses!: number;
  @Field(() => Int) peakViewers!: number;
}

@ObjectType()
export class StreamConnection {
  @Field(() => [StreamType]) nodes!: StreamType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
