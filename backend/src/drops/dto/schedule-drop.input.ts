import { DropTrigger } from '@bouquet/shared';
import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsDate, IsEnum, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

@InputType()
export class ScheduleDropInput {
  @Field(() => ID) @IsString() campaignId!: string;
  @Field(() => ID) @IsString() streamId!: string;
  @Field(() => DropTrigger) @IsEnum(DropTrigger) trigger!: DropTrigger;

  @Field(() => Int)
  @Min(1, { message: 'roseCount must be between 1 and 1,000,000' })
  @Max(1_000_000, { message: 'roseCount must be between 1 and 1,000,000' })
  @IsInt()
  roseCount!: number;

  @Field(() => Int, { nullable: true, defaultValue: 1 })
  @Min(1, { message: 'perViewerLimit must be between 1 and 100' })
  @Max(100, { message: 'perViewerLimit must be between 1 and 100' })
  @IsInt()
  perViewerLimit = 1;

  @Field(() => Date, { nullable: true }) @IsOptional() @IsDate() scheduledAt?: Date | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1, { message: 'milestoneRoses must be greater than 0' })
  @Max(2_000_000_000, { message: 'milestoneRoses is too large' })
  @IsInt()
  milestoneRoses?: number | null;

  @Field(() => Int, { nullable: true, defaultValue: 120 })
  @Min(10, { message: 'claimWindowSeconds must be between 10 and 3600' })
  @Max(3600, { message: 'claimWindowSeconds must be between 10 and 3600' })
  @IsInt()
  claimWindowSeconds = 120;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsString() couponPoolId?: string | null;
}
