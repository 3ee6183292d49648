import { CampaignObjective } from '@bouquet/shared';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { MoneyInput } from '../../platform/graphql/money.types';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const NAME_MAX = 120;
export const BRIEF_MAX = 5000;

@InputType()
export class CreateCampaignInput {
  @Field(() => ID)
  @IsString()
  brandId!: string;

  @Field()
  @Transform(trim)
  @Length(1, NAME_MAX, { message: `name must be 1 to ${NAME_MAX} characters` })
  @IsString()
  name!: string;

  @Field()
  @Transform(trim)
  @Length(1, BRIEF_MAX, { message: `brief must be 1 to ${BRIEF_MAX} characters` })
  @IsString()
  brief!: string;

  @Field(() => CampaignObjective)
  @IsEnum(CampaignObjective)
  objective!: CampaignObjective;

  @Field(() => MoneyInput)
  @ValidateNested()
  @Type(() => MoneyInput)
  budget!: MoneyInput;

  @Field(() => MoneyInput, { nullable: true })
  @ValidateNested()
  @Type(() => MoneyInput)
  @IsOptional()
  roseUnitPrice?: MoneyInput | null;

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
export class UpdateCampaignInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @Length(1, NAME_MAX, { message: `name must be 1 to ${NAME_MAX} characters` })
  @IsString()
  name?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @Length(1, BRIEF_MAX, { message: `brief must be 1 to ${BRIEF_MAX} characters` })
  @IsString()
  brief?: string | null;

  @Field(() => CampaignObjective, { nullable: true })
  @IsOptional()
  @IsEnum(CampaignObjective)
  objective?: CampaignObjective | null;

  @Field(() => MoneyInput, { nullable: true, description: 'May not drop below spent + reserved.' })
  @ValidateNested()
  @Type(() => MoneyInput)
  @IsOptional()
  budget?: MoneyInput | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  startsAt?: Date | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsDate()
  endsAt?: Date | null;
}
