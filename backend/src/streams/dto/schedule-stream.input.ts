import { Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsDate, IsOptional, IsString, Length } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class ScheduleStreamInput {
  @Field(() => ID)
  @IsString()
  creatorId!: string;

  @Field()
  @Transform(trim)
  @Length(1, 200, { message: 'title must be 1 to 200 characters' })
  @IsString()
  title!: string;

  @Field()
  @IsDate({ message: 'scheduledStartAt must be a date' })
  scheduledStartAt!: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @Length(1, 128, { message: 'externalId must be 1 to 128 characters' })
  @IsString()
  externalId?: string | null;
}
