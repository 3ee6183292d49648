import {
  CouponCodeStatus,
  CouponRejection,
  DiscountType,
  JobStatus,
  RedemptionStatus,
} from '@bouquet/shared';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DecimalScalar } from '../../platform/graphql/decimal.scalar';
import { MoneyType } from '../../platform/graphql/money.types';
import { PageInfo } from '../../platform/graphql/pagination';

@ObjectType('CouponPool')
export class CouponPoolType {
  @Field(() => ID) id!: string;
  campaignId!: string;
  creatorId!: string | null;
  @Field() name!: string;
  @Field(() => DiscountType) discountType!: DiscountType;
  @Field(() => DecimalScalar, {
    description: 'Percent (0-100] for PERCENT, an amount in the campaign currency for FIXED_AMOUNT.',
  })
  discountValue!: string;
  @Field() codePrefix!: string;
  @Field(() => Int) codeLength!: number;
  @Field(() => Int) size!: number;
  @Field(() => Int) generatedCount!: number;
  @Field(() => JobStatus) generationStatus!: JobStatus;
  @Field(() => Int) usageLimitPerCode!: number;
  @Field(() => Int, { nullable: true }) perCustomerLimit!: number | null;
  @Field(() => Date, { nullable: true }) startsAt!: Date | null;
  @Field(() => Date, { nullable: true }) expiresAt!: Date | null;
  // issuedCount and redemptionCount are counted on read (CouponPoolResolver, CouponPoolCounters).
  @Field() createdAt!: Date;
}

@ObjectType('CouponCode')
export class CouponCodeType {
  @Field() code!: string;
  @Field(() => CouponCodeStatus) status!: CouponCodeStatus;
  @Field(() => Int) redemptionCount!: number;
  @Field(() => Date, { nullable: true }) issuedAt!: Date | null;
}

@ObjectType()
export class CouponCodeConnection {
  @Field(() => [CouponCodeType]) nodes!: CouponCodeType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('CouponValidation')
export class CouponValidationType {
  @Field() valid!: boolean;
  @Field(() => CouponRejection, { nullable: true }) rejection!: CouponRejection | null;
  @Field(() => MoneyType, { nullable: true }) discount!: MoneyType | null;
}

@ObjectType('Redemption')
export class RedemptionType {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() customerId!: string;
  @Field() orderId!: string;
  @Field(() => MoneyType) orderAmount!: MoneyType;
  @Field(() => MoneyType) discount!: MoneyType;
  @Field(() => RedemptionStatus) status!: RedemptionStatus;
  campaignId!: string;
  creatorId!: string | null;
  streamId!: string | null;
  dropId!: string | null;
  @Field() redeemedAt!: Date;
  @Field(() => Date, { nullable: true }) rolledBackAt!: Date | null;
}
