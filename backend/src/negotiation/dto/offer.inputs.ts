import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { MoneyInput } from '../../platform/graphql/money.types';

export const MAX_ROSE_ALLOWANCE = 1_000_000_000;
export const MAX_TEXT = 4000;

@InputType()
export class OfferTermsInput {
  @Field(() => MoneyInput)
  @ValidateNested()
  @Type(() => MoneyInput)
  fee!: MoneyInput;

  @Field(() => Int)
  @Min(1, { message: 'streamCount must be at least 1' })
  @Max(1000, { message: 'streamCount must be at most 1000' })
  @IsInt()
  streamCount!: number;

  @Field(() => Int)
  @Min(0, { message: 'roseAllowance must not be negative' })
  @Max(MAX_ROSE_ALLOWANCE, { message: `roseAllowance must be at most ${MAX_ROSE_ALLOWANCE}` })
  @IsInt()
  roseAllowance!: number;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1, { message: 'couponDiscountPercent must be between 1 and 100' })
  @Max(100, { message: 'couponDiscountPercent must be between 1 and 100' })
  @IsInt()
  couponDiscountPercent?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_TEXT, { message: `deliverables must be at most ${MAX_TEXT} characters` })
  @IsString()
  deliverables?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;
}

@InputType()
export class SendOfferInput {
  @Field(() => ID) @IsString() campaignId!: string;
  @Field(() => ID) @IsString() creatorId!: string;

  @Field(() => OfferTermsInput)
  @ValidateNested()
  @Type(() => OfferTermsInput)
  terms!: OfferTermsInput;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MAX_TEXT, { message: `message must be at most ${MAX_TEXT} characters` })
  @IsString()
  message?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;
}
