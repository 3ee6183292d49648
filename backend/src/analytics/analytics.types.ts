import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { CampaignType } from '../campaigns/graphql/campaign.types';
import { CreatorType } from '../creators/graphql/creator.types';
import { DropType } from '../drops/graphql/drop.types';
import { OrganizationType } from '../identity/graphql/identity.types';
import { MoneyType } from '../platform/graphql/money.types';
import { StreamType } from '../streams/graphql/stream.types';

@ObjectType('TimeBucket')
export class TimeBucketType {
  @Field() at!: Date;
  @Field(() => Int) giftedRoses!: number;
  @Field(() => Int) viewers!: number;
  @Field(() => Int) claims!: number;
  @Field(() => Int) claimedRoses!: number;
  @Field(() => Int) redemptions!: number;
}

@ObjectType('GiftSpike')
export class GiftSpikeType {
  @Field(() => StreamType) stream!: StreamType;
  @Field() startedAt!: Date;
  @Field() endedAt!: Date;
  @Field(() => Int) giftedRoses!: number;
  @Field(() => Float, { description: 'Median roses per bucket over the stream.' }) baseline!: number;
  @Field(() => Float, { description: 'Peak bucket / baseline.' }) factor!: number;
  @Field(() => DropType, {
    nullable: true,
    description: 'A drop that was open during the spike or closed within five minutes before it.',
  })
  nearDrop!: DropType | null;
}

@ObjectType('CampaignMetrics')
export class CampaignMetricsType {
  @Field(() => MoneyType) spend!: MoneyType;
  @Field(() => MoneyType) creatorFees!: MoneyType;
  @Field(() => MoneyType) dropCost!: MoneyType;
  @Field(() => Int) rosesDropped!: number;
  @Field(() => Int) claims!: number;
  @Field(() => Int) uniqueViewers!: number;
  @Field(() => Int) giftedRoses!: number;
  @Field(() => Int) redemptions!: number;
  @Field(() => MoneyType) attributedRevenue!: MoneyType;
  @Field(() => Float, {
    nullable: true,
    description: '(attributedRevenue - spend) / spend; null while spend is zero.',
  })
  roi!: number | null;
  @Field(() => Float, { nullable: true, description: 'attributedRevenue / spend; null while spend is zero.' })
  roas!: number | null;
  @Field(() => MoneyType, { nullable: true }) costPerRedemption!: MoneyType | null;
  @Field(() => Float, { nullable: true, description: 'redemptions / claims; null while claims is zero.' })
  claimConversion!: number | null;
}

@ObjectType('CreatorBreakdown')
export class CreatorBreakdownType {
  @Field(() => CreatorType) creator!: CreatorType;
  @Field(() => CampaignMetricsType) metrics!: CampaignMetricsType;
}

@ObjectType('DropBreakdown')
export class DropBreakdownType {
  @Field(() => DropType) drop!: DropType;
  @Field(() => Int) claims!: number;
  @Field(() => Int) uniqueViewers!: number;
  @Field(() => Int) redemptions!: number;
  @Field(() => MoneyType) attributedRevenue!: MoneyType;
}

@ObjectType('CampaignReport')
export class CampaignReportType {
  @Field(() => CampaignType) campaign!: CampaignType;
  @Field(() => CampaignMetricsType) metrics!: CampaignMetricsType;
  @Field(() => [CreatorBreakdownType]) byCreator!: CreatorBreakdownType[];
  @Field(() => [DropBreakdownType]) byDrop!: DropBreakdownType[];
  @Field(() => [GiftSpikeType]) spikes!: GiftSpikeType[];
}

@ObjectType('BrandRollup')
export class BrandRollupType {
  @Field(() => OrganizationType) brand!: OrganizationType;
  @Field(() => Int) activeCampaigns!: number;
  @Field(() => MoneyType) spend!: MoneyType;
  @Field(() => MoneyType) attributedRevenue!: MoneyType;
  @Field(() => Float, { nullable: true }) roi!: number | null;
}

@ObjectType('AgencyOverview')
export class AgencyOverviewType {
  @Field(() => OrganizationType) agency!: OrganizationType;
  @Field(() => [BrandRollupType]) brands!: BrandRollupType[];
  @Field(() => [BrandRollupType], { description: 'Totals per currency.' }) totals!: BrandRollupType[];
}
