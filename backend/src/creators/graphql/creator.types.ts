import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { MoneyType } from '../../platform/graphql/money.types';
import { PageInfo } from '../../platform/graphql/pagination';

@ObjectType('Creator')
export class CreatorType {
  @Field(() => ID) id!: string;
  organizationId!: string;
  @Field() handle!: string;
  @Field() displayName!: string;
  @Field(() => String, { nullable: true }) bio!: string | null;
  @Field(() => [String]) categories!: string[];
  @Field(() => String, { nullable: true }) country!: string | null;
  @Field(() => Int) followerCount!: number;
  @Field(() => Int) averageViewers!: number;
  @Field(() => MoneyType, { nullable: true, description: 'Usual fee for one sponsored stream.' })
  rate!: MoneyType | null;
}

@ObjectType()
export class CreatorConnection {
  @Field(() => [CreatorType]) nodes!: CreatorType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}
