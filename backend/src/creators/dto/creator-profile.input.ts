import { Field, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MoneyInput } from '../../platform/graphql/money.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const MAX_INT = 2 ** 31 - 1;
export const MAX_CATEGORIES = 20;

@InputType()
export class CreatorProfileInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @Length(1, 100, { message: 'displayName must be 1 to 100 characters' })
  @IsString()
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000, { message: 'bio must be at most 2000 characters' })
  @IsString()
  bio?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value,
  )
  @Length(1, 40, { each: true, message: 'each category must be 1 to 40 characters' })
  @IsString({ each: true })
  @ArrayMaxSize(MAX_CATEGORIES, { message: `at most ${MAX_CATEGORIES} categories` })
  @IsArray()
  categories?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  country?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Max(MAX_INT, { message: `followerCount must be at most ${MAX_INT}` })
  @Min(0, { message: 'followerCount must not be negative' })
  @IsInt()
  followerCount?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Max(MAX_INT, { message: `averageViewers must be at most ${MAX_INT}` })
  @Min(0, { message: 'averageViewers must not be negative' })
  @IsInt()
  averageViewers?: number | null;

  @Field(() => MoneyInput, { nullable: true })
  @ValidateNested()
  @Type(() => MoneyInput)
  @IsOptional()
  rate?: MoneyInput | null;
}

@InputType()
export class CreatorFilter {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200, { message: 'search must be at most 200 characters' })
  @IsString()
  search?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50, { message: 'at most 50 categories' })
  @IsString({ each: true })
  @IsArray()
  categories?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  country?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0, { message: 'minFollowers must not be negative' })
  @IsInt()
  minFollowers?: number | null;

  @Field(() => MoneyInput, { nullable: true })
  @ValidateNested()
  @Type(() => MoneyInput)
  @IsOptional()
  maxRate?: MoneyInput | null;
}
