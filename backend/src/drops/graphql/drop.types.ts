import '../../platform/graphql/enums';
import { DropStatus, DropTrigger } from '@bouquet/shared';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyType } from '../../platform/graphql/money.types';
import { PageInfo } from '../../platform/graphql/pagination';

@ObjectType('Drop')
export class DropType {
  @Field(() => ID) id!: string;
  campaignId!: string;
  streamId!: string;
  couponPoolId!: string | null;
  @Field(() => DropTrigger) trigger!: DropTrigger;
  @Field(() => DropStatus) status!: DropStatus;
  @Field(() => Int, { description: 'Roses in the pool.' }) roseCount!: number;
  @Field(() => Int) perViewerLimit!: number;
  @Field(() => Date, { nullable: true }) scheduledAt!: Date | null;
  @Field(() => Int, { nullable: true }) milestoneRoses!: number | null;
  @Field(() => Int, { description: 'How long the drop stays open once it opens.' })
  claimWindowSeconds!: number;
  @Field(() => MoneyType, { description: 'roseCount x campaign.roseUnitPrice; reserved when scheduled.' })
  cost!: MoneyType;
  @Field(() => Date, { nullable: true }) openedAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field() createdAt!: Date;
  /** Settled counts; OPEN drops are counted live by the resolver. */
  settledClaimedRoses!: number;
  settledClaimCount!: number;
}

@ObjectType('DropClaim')
export class DropClaimType {
  @Field(() => ID) id!: string;
  dropId!: string;
  @Field() viewerId!: string;
  @Field(() => Int) roses!: number;
  @Field(() => String, {
    nullable: true,
    description: "A code from the drop's coupon pool, when it has one.",
  })
  couponCode!: string | null;
  @Field() claimedAt!: Date;
}

@ObjectType()
export class DropConnection {
  @Field(() => [DropType]) nodes!: DropType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
