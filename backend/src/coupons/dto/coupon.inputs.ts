import {
  CODE_LENGTH_MAX,
  CODE_PREFIX_PATTERN,
  CODE_LENGTH_MIN,
  CODE_MAX_INPUT,
  DiscountType,
} from '@bouquet/shared';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsDate,
  IsDefined,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DecimalScalar } from '../../platform/graphql/decimal.scalar';
import { MoneyInput } from '../../platform/graphql/money.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;

export const MAX_POOL_SIZE = 5_000_000;
export const IDEMPOTENCY_KEY_MAX = 255;

@InputType()
export class CreateCouponPoolInput {
  @Field(() => ID)
  @IsString()
  campaignId!: string;

  @Field()
  @Transform(trim)
  @Length(1, 120, { message: 'name must be 1 to 120 characters' })
  @IsString()
  name!: string;

  @Field(() => DiscountType)
  @IsEnum(DiscountType, { message: 'discountType must be PERCENT or FIXED_AMOUNT' })
  discountType!: DiscountType;

  @Field(() => DecimalScalar)
  @IsString()
  discountValue!: string;

  @Field(() => String, { nullable: true, defaultValue: '' })
  @Transform(({ value }: { value: unknown }) => (value == null ? '' : value))
  @Matches(CODE_PREFIX_PATTERN, {
    message: 'codePrefix must be 0 to 12 characters of A-Z and 2-9',
  })
  @IsString()
  codePrefix!: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 10,
    description: 'Random characters after the prefix, from an alphabet without look-alikes (no 0/O, 1/I/L).',
  })
  @Transform(({ value }: { value: unknown }) => (value == null ? 10 : value))
  @Max(CODE_LENGTH_MAX, { message: `codeLength must be between ${CODE_LENGTH_MIN} and ${CODE_LENGTH_MAX}` })
  @Min(CODE_LENGTH_MIN, { message: `codeLength must be between ${CODE_LENGTH_MIN} and ${CODE_LENGTH_MAX}` })
  @IsInt()
  codeLength!: number;

  @Field(() => Int)
  @Max(MAX_POOL_SIZE, { message: `size must be between 1 and ${MAX_POOL_SIZE}` })
  @Min(1, { message: `size must be between 1 and ${MAX_POOL_SIZE}` })
  @IsInt()
  size!: number;

  @Field(() => Int, { nullable: true, defaultValue: 1 })
  @Transform(({ value }: { value: unknown }) => (value == null ? 1 : value))
  @Min(1, { message: 'usageLimitPerCode must be at least 1' })
  @IsInt()
  usageLimitPerCode!: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1, { message: 'perCustomerLimit must be at least 1' })
  @IsInt()
  perCustomerLimit?: number | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  creatorId?: string | null;
}

/** Fields shared by validation and redemption, as GraphQL input and REST body. */
@InputType()
export class ValidateCouponInput {
  @Field()
  @Transform(upper)
  @Length(1, CODE_MAX_INPUT, { message: `code must be 1 to ${CODE_MAX_INPUT} characters` })
  @IsString({ message: 'code must be a string' })
  code!: string;

  @Field()
  @Length(1, 128, { message: 'customerId must be 1 to 128 characters' })
  @IsString({ message: 'customerId must be a string' })
  customerId!: string;

  @Field(() => MoneyInput)
  @IsDefined({ message: 'orderAmount is required' })
  @ValidateNested()
  @Type(() => MoneyInput)
  orderAmount!: MoneyInput;
}

/** The REST body of POST /v1/redemptions (the key comes in the Idempotency-Key header). */
@InputType({ isAbstract: true })
export class RedeemCouponBody extends ValidateCouponInput {
  @Field()
  @Length(1, 128, { message: 'orderId must be 1 to 128 characters' })
  @IsString({ message: 'orderId must be a string' })
  orderId!: string;
}

@InputType()
export class RedeemCouponInput extends RedeemCouponBody {
  @Field({
    description: 'Same key, same request: the first result comes back and nothing is redeemed twice.',
  })
  @Length(1, IDEMPOTENCY_KEY_MAX, {
    message: `idempotencyKey must be 1 to ${IDEMPOTENCY_KEY_MAX} characters`,
  })
  @IsString()
  idempotencyKey!: string;
}

export class RollbackRedemptionBody {
  @IsOptional()
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  @IsString({ message: 'reason must be a string' })
  reason?: string | null;
}
