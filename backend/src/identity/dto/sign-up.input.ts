import { OrganizationKind } from '@bouquet/shared';
import { Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsEnum,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const HANDLE_PATTERN = /^[A-Za-z0-9_.]{2,32}$/;

@InputType()
export class SignUpInput {
  @Field()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmail({}, { message: 'email must be a valid email address' })
  email!: string;

  @Field()
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  @MinLength(10, { message: 'password must be at least 10 characters' })
  @IsString()
  password!: string;

  @Field()
  @Transform(trim)
  @Length(1, 100, { message: 'displayName must be 1 to 100 characters' })
  @IsString()
  displayName!: string;

  @Field()
  @Transform(trim)
  @Length(1, 120, { message: 'organizationName must be 1 to 120 characters' })
  @IsString()
  organizationName!: string;

  @Field(() => OrganizationKind)
  @IsEnum(OrganizationKind)
  organizationKind!: OrganizationKind;

  @Field(() => String, {
    nullable: true,
    description: "Required when organizationKind is CREATOR: the creator's live-platform handle.",
  })
  @Transform(trim)
  @ValidateIf((o: SignUpInput) => o.organizationKind === OrganizationKind.CREATOR || o.creatorHandle != null)
  @Matches(HANDLE_PATTERN, { message: 'creatorHandle must be 2-32 letters, digits, _ or .' })
  @IsString({ message: 'creatorHandle is required for a creator organization' })
  creatorHandle?: string;
}
