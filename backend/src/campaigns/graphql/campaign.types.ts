import { CampaignObjective, CampaignStatus } from '@bouquet/shared';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import '../../platform/graphql/enums';
import { MoneyType } from '../../platform/graphql/money.types';
import { PageInfo } from '../../platform/graphql/pagination';

@ObjectType('Campaign')
export class CampaignType {
  @Field(() => ID) id!: string;
  brandId!: string;
  @Field() name!: string;
  @Field() brief!: string;
  @Field(() => CampaignObjective) objective!: CampaignObjective;
  @Field(() => CampaignStatus) status!: CampaignStatus;
  @Field(() => MoneyType) budget!: MoneyType;
  @Field(() => MoneyType, { description: 'Committed: accepted creator fees and executed drops.' })
  spent!: MoneyType;
  @Field(() => MoneyType, { description: 'Held for scheduled drops that have not run yet.' })
  reserved!: MoneyType;
  @Field(() => MoneyType, { description: 'budget - spent - reserved; never negative.' })
  remaining!: MoneyType;
  @Field(() => MoneyType, { description: "Price of one rose (1 coin) in the budget's currency." })
  roseUnitPrice!: MoneyType;
  @Field(() => Date, { nullable: true }) startsAt!: Date | null;
  @Field(() => Date, { nullable: true }) endsAt!: Date | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@ObjectType()
export class CampaignConnection {
  @Field(() => [CampaignType]) nodes!: CampaignType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
